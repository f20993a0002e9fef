import type { Db } from '../../db/database';

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
