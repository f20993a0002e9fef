import type { ExpressionBuilder, Kysely } from 'kysely';
import { obligationScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import { insertChunks } from '../../db/dialect';
import type { Database, ObligationRecipientTable, ObligationTable } from '../../db/schema';

type ObDb = Database & { ob: Database['obligations']; o: Database['orgs']; c: Database['campaigns'] };

/** Overdue: the deadline has passed and nothing stands submitted or accepted. */
export function overduePredicate(nowIso: string) {
  return (eb: ExpressionBuilder<ObDb, 'ob'>) =>
    eb.and([eb('ob.state', 'in', ['pending', 'returned']), eb('ob.due_at', '<', nowIso)]);
}

export function obligationQuery(db: Db) {
  return db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .innerJoin('campaigns as c', 'c.id', 'ob.campaign_id')
    .select([
      'ob.id',
      'ob.campaign_id',
      'ob.duty_key',
      'ob.org_id',
      'ob.org_kind',
      'ob.period_key',
      'ob.period_label',
      'ob.due_at',
      'ob.state',
      'ob.submitted_at',
      'ob.late',
      'ob.accepted_at',
      'ob.updated_at',
      'o.name as org_name',
      'c.title as campaign_title',
      'c.plan_id',
      'c.state as campaign_state',
      'c.closed_at as campaign_closed_at',
    ]);
}

export type ObligationRow = Awaited<ReturnType<ReturnType<typeof obligationQuery>['execute']>>[number];

/** An obligation in the actor's scope. */
export function findObligationInScope(db: Db, actor: Actor, id: string) {
  return obligationQuery(db).where('ob.id', '=', id).where(obligationScope(actor)).executeTakeFirst();
}

/**
 * The obligations of launched campaigns the actor's org owes (`mine`, optionally in one state),
 * those waiting for it as a recipient (`review`, submitted unless another state is asked), or
 * those the mines in its scope owe (`mines`, optionally in one state), by deadline.
 */
export function listDutyRows(
  db: Db,
  actor: Actor,
  query: { campaignId?: string; scope: 'mine' | 'review' | 'mines'; state?: string },
) {
  let q = obligationQuery(db).where('c.state', '!=', 'draft');
  if (query.campaignId) q = q.where('ob.campaign_id', '=', query.campaignId);
  if (query.scope === 'review') {
    q = q
      .where('ob.state', '=', query.state ?? 'submitted')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('obligation_recipients as r')
            .select('r.org_id')
            .whereRef('r.obligation_id', '=', 'ob.id')
            .where('r.org_id', '=', actor.orgId),
        ),
      );
  } else {
    q =
      query.scope === 'mine'
        ? q.where('ob.org_id', '=', actor.orgId)
        : q.where('ob.org_kind', '=', 'mine').where(obligationScope(actor));
    if (query.state) q = q.where('ob.state', '=', query.state);
  }
  return q.orderBy('ob.due_at').orderBy('ob.id').limit(2000).execute();
}

/**
 * Writes an obligation's step unless someone else changed it since it was read (same state and
 * stamp); false when it had changed.
 */
export async function writeObligation(
  trx: Db,
  row: Pick<ObligationTable, 'id' | 'state' | 'updated_at'>,
  set: Partial<Omit<ObligationTable, 'id'>>,
): Promise<boolean> {
  const changed = await trx
    .updateTable('obligations')
    .set(set)
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** The active orgs of a campaign's region that may owe its duties (with `orgIds`, only those). */
export function orgsInCampaignRegion(db: Db, regionPrefix: string, orgIds?: readonly string[]) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.kind', 'o.parent_id', 'o.region_code', 'm.division_org_id'])
    .where('o.active', '=', 1)
    .where('o.kind', 'in', ['province', 'division', 'city', 'county', 'mine'])
    .where('o.region_code', 'like', `${regionPrefix}%`)
    .$if(orgIds !== undefined, (q) => q.where('o.id', 'in', orgIds!.length ? [...orgIds!] : ['']))
    .execute();
}

/** Inserts obligations and their recipients, in chunks the dialect accepts. */
export async function insertObligations(
  trx: Db,
  obligations: readonly ObligationTable[],
  recipients: readonly ObligationRecipientTable[],
) {
  for (const rows of insertChunks(trx as Kysely<unknown>, obligations, 13))
    await trx.insertInto('obligations').values(rows).execute();
  for (const rows of insertChunks(trx as Kysely<unknown>, recipients, 2))
    await trx.insertInto('obligation_recipients').values(rows).execute();
}

export async function recipientsOf(db: Db, obligationIds: readonly string[]) {
  if (obligationIds.length === 0) return new Map<string, { id: string; name: string }[]>();
  const rows = await db
    .selectFrom('obligation_recipients as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.obligation_id', 'o.id', 'o.name'])
    .where('r.obligation_id', 'in', [...obligationIds])
    .orderBy('o.path')
    .execute();
  const map = new Map<string, { id: string; name: string }[]>();
  for (const r of rows)
    map.set(r.obligation_id, [...(map.get(r.obligation_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}
