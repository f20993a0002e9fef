import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { CampaignTable, Database } from '../../db/schema';

export function campaignQuery(db: Db) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('orgs as iss', 'iss.id', 'c.issuer_org_id')
    .leftJoin('orgs as co', 'co.id', 'c.co_issuer_org_id')
    .select([
      'c.id',
      'c.plan_id',
      'c.title',
      'c.issuer_org_id',
      'c.co_issuer_org_id',
      'c.region_prefix',
      'c.state',
      'c.starts_on',
      'c.ends_on',
      'c.activated_at',
      'c.closed_at',
      'iss.name as issuer_name',
      'co.name as co_issuer_name',
    ]);
}

export type CampaignRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirst']>>
>;

export function findCampaign(db: Db, id: string) {
  return campaignQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** Every campaign, newest first. */
export function listCampaignRows(db: Db) {
  return campaignQuery(db).orderBy('c.created_at', 'desc').execute();
}

/** A campaign of a plan still in draft or running in a region: the plan cannot be launched there again. */
export function findUnfinishedCampaign(db: Db, planId: string, regionPrefix: string) {
  return db
    .selectFrom('campaigns')
    .select('id')
    .where('plan_id', '=', planId)
    .where('region_prefix', '=', regionPrefix)
    .where('state', 'in', ['draft', 'active'])
    .executeTakeFirst();
}

export async function insertCampaign(trx: Db, row: CampaignTable) {
  await trx.insertInto('campaigns').values(row).execute();
}

export function activeCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().where('state', '=', 'active').execute();
}

/** Moves a campaign from one state to another with its time stamp; false when it was no longer in `from`. */
export async function writeCampaignState(
  trx: Kysely<Database>,
  id: string,
  from: string,
  to: string,
  set: { activated_at?: string; closed_at?: string },
): Promise<boolean> {
  const changed = await trx
    .updateTable('campaigns')
    .set({ ...set, state: to })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

export async function countObligations(db: Db, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('obligations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
