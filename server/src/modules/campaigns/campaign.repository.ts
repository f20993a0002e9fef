import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

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
