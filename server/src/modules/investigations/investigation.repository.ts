import type { ExpressionBuilder } from 'kysely';
import { mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { Database, HazardInvestigationTable } from '../../db/schema';

type MineEb = ExpressionBuilder<Database & { o: Database['orgs']; m: Database['mines'] }, 'o' | 'm'>;

export function investigationQuery(db: Db) {
  return db
    .selectFrom('hazard_investigations as i')
    .innerJoin('orgs as o', 'o.id', 'i.mine_id')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .leftJoin('obligations as ob', 'ob.id', 'i.obligation_id')
    .selectAll('i')
    .select(['o.name as mine_name', 'ob.state as obligation_state']);
}
export type InvestigationRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof investigationQuery>['executeTakeFirst']>>
>;

/** The investigations of the mines in scope, newest month first, at most 500. */
export function listInvestigationRows(db: Db, actor: Actor, filter: { mineId?: string; month?: string }) {
  return investigationQuery(db)
    .where(mineScope(actor))
    .$if(filter.mineId !== undefined, (q) => q.where('i.mine_id', '=', filter.mineId!))
    .$if(filter.month !== undefined, (q) => q.where('i.month', '=', filter.month!))
    .orderBy('i.month', 'desc')
    .orderBy('i.id')
    .limit(500)
    .execute();
}

export function findInvestigation(db: Db, id: string) {
  return investigationQuery(db).where('i.id', '=', id).executeTakeFirstOrThrow();
}

/** The hazards an investigation names (none asked: no query). */
export async function hazardSummaries(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('hazards')
    .select(['id', 'level', 'description', 'state'])
    .where('id', 'in', ids)
    .execute();
}

/** Of the given hazards, those registered at the mine (none asked: no query). */
export async function mineHazardLevels(db: Db, mineId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('hazards')
    .select(['id', 'level'])
    .where('id', 'in', ids)
    .where('mine_id', '=', mineId)
    .execute();
}

/** The active mines in scope (or the one filtered): how many, how many recorded the month, and up to `named` not recorded. */
export async function coverageRows(
  db: Db,
  actor: Actor,
  filter: { month: string; mineId?: string },
  named: number,
) {
  const mines = db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .where(mineScope(actor))
    .where('o.active', '=', 1)
    .where('m.status', '!=', 'closed')
    .$if(filter.mineId !== undefined, (q) => q.where('o.id', '=', filter.mineId!));
  const recordedIn = (eb: MineEb) =>
    eb.exists(
      eb
        .selectFrom('hazard_investigations as i')
        .select('i.id')
        .whereRef('i.mine_id', '=', 'o.id')
        .where('i.month', '=', filter.month),
    );
  const [counts, missing] = await Promise.all([
    mines
      .select((eb) => [
        eb.fn.countAll<number | string>().as('mines'),
        eb.fn
          .sum<number | string | null>(eb.case().when(recordedIn(eb)).then(1).else(0).end())
          .as('recorded'),
      ])
      .executeTakeFirstOrThrow(),
    mines
      .select(['o.id', 'o.name', 'o.region_code'])
      .where((eb) => eb.not(recordedIn(eb)))
      .orderBy('o.region_code')
      .orderBy('o.name')
      .limit(named)
      .execute(),
  ]);
  return { counts, missing };
}

export function findMonthInvestigation(db: Db, mineId: string, month: string) {
  return db
    .selectFrom('hazard_investigations')
    .select('id')
    .where('mine_id', '=', mineId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** The mine's obligation for the duty and period in the active campaign, if any. */
export function activeDutyObligation(db: Db, orgId: string, dutyKey: string, periodKey: string) {
  return db
    .selectFrom('obligations as ob')
    .innerJoin('campaigns as c', 'c.id', 'ob.campaign_id')
    .select(['ob.id', 'ob.state'])
    .where('c.state', '=', 'active')
    .where('ob.duty_key', '=', dutyKey)
    .where('ob.org_id', '=', orgId)
    .where('ob.period_key', '=', periodKey)
    .executeTakeFirst();
}

export async function insertInvestigation(trx: Db, row: HazardInvestigationTable) {
  await trx.insertInto('hazard_investigations').values(row).execute();
}
