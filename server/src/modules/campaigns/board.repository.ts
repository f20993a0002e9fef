import type { ExpressionBuilder } from 'kysely';
import { orgScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

export type BoardStatus = 'pending' | 'submitted' | 'accepted' | 'returned' | 'overdue' | 'late';
type Eb = ExpressionBuilder<Database & { ob: Database['obligations']; o: Database['orgs'] }, 'ob' | 'o'>;

/**
 * The one definition of each board figure, used both to count and to list the orgs behind a
 * count, so the numbers agree whichever way a user reaches them.
 */
function statusFilter(status: BoardStatus, asOf: string) {
  return (eb: Eb) => {
    switch (status) {
      case 'overdue':
        return eb.and([eb('ob.state', 'in', ['pending', 'returned']), eb('ob.due_at', '<', asOf)]);
      case 'late':
        return eb('ob.late', '=', 1);
      default:
        return eb('ob.state', '=', status);
    }
  };
}

export const BOARD_STATUSES: BoardStatus[] = [
  'pending',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'late',
];

/** The scoped obligations of one campaign: those of orgs the actor sees. */
function scoped(db: Db, actor: Actor, campaignId: string) {
  return db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .where('ob.campaign_id', '=', campaignId)
    .where((eb) => orgScope(actor)(eb as never));
}

/** Per duty and org kind: how many obligations, and how many stand at each board figure. */
export function boardCounts(db: Db, actor: Actor, campaignId: string, asOf: string) {
  return scoped(db, actor, campaignId)
    .select((eb) => [
      'ob.duty_key',
      'ob.org_kind',
      eb.fn.countAll<number>().as('total'),
      ...BOARD_STATUSES.map((s) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(statusFilter(s, asOf)(eb as unknown as Eb))
              .then(1)
              .else(0)
              .end(),
          )
          .as(s),
      ),
    ])
    .groupBy(['ob.duty_key', 'ob.org_kind'])
    .execute();
}

/** The obligations behind one board figure, with their orgs. */
export function boardFigureOrgs(
  db: Db,
  actor: Actor,
  campaignId: string,
  query: { dutyKey: string; orgKind: string; status?: BoardStatus },
  asOf: string,
) {
  return scoped(db, actor, campaignId)
    .select([
      'ob.id',
      'ob.org_id',
      'o.name',
      'o.region_code',
      'ob.period_label',
      'ob.due_at',
      'ob.state',
      'ob.late',
      'ob.submitted_at',
    ])
    .where('ob.duty_key', '=', query.dutyKey)
    .where('ob.org_kind', '=', query.orgKind)
    .$if(query.status !== undefined, (q) =>
      q.where((eb) => statusFilter(query.status!, asOf)(eb as unknown as Eb)),
    )
    .orderBy('o.region_code')
    .orderBy('o.name')
    .orderBy('ob.due_at')
    .limit(10000)
    .execute();
}

/** The overdue obligations of one duty in scope, but the actor's org's own. */
export function overdueOfDuty(db: Db, actor: Actor, campaignId: string, dutyKey: string, asOf: string) {
  return scoped(db, actor, campaignId)
    .select(['ob.org_id', 'ob.id'])
    .where('ob.duty_key', '=', dutyKey)
    .where('ob.org_id', '!=', actor.orgId)
    .where((eb) => statusFilter('overdue', asOf)(eb as unknown as Eb))
    .execute();
}

/**
 * Per region one level below `prefix` (region codes cut to `childLength`): obligations owed by now
 * (past their deadline, or already sent), how many of them stand submitted or accepted, and how
 * many are overdue, by the same figure definitions as the board.
 */
export function boardRegionCounts(
  db: Db,
  actor: Actor,
  campaignId: string,
  asOf: string,
  prefix: string,
  childLength: number,
) {
  return (
    scoped(db, actor, campaignId)
      .where('o.region_code', 'like', `${prefix}%`)
      // The region's own orgs (a city's bureau) are not one of the regions below it.
      .where('o.region_code', '!=', prefix.padEnd(6, '0'))
      .where((eb) => eb.or([eb('ob.due_at', '<', asOf), eb('ob.state', 'in', ['submitted', 'accepted'])]))
      .select((eb) => {
        const region = eb.fn<string>('substr', ['o.region_code', eb.lit(1), eb.lit(childLength)]);
        const count = (status: BoardStatus) =>
          eb.fn.sum<number>(
            eb
              .case()
              .when(statusFilter(status, asOf)(eb as unknown as Eb))
              .then(1)
              .else(0)
              .end(),
          );
        return [
          region.as('region'),
          eb.fn.countAll<number>().as('due'),
          count('submitted').as('submitted'),
          count('accepted').as('accepted'),
          count('overdue').as('overdue'),
        ];
      })
      .groupBy((eb) => eb.fn('substr', ['o.region_code', eb.lit(1), eb.lit(childLength)]))
      .execute()
  );
}
