import type { Jurisdiction } from './actor';

/** A campaign as far as seeing it goes. */
export interface ScopedCampaign {
  region_prefix: string;
  state: string;
  issuer_org_id: string;
  co_issuer_org_id: string | null;
}

/** May the actor see this campaign? The orgs in its region; a draft only its issuers. */
export function seesCampaign(actor: Pick<Jurisdiction, 'orgId' | 'regionCode'>, c: ScopedCampaign): boolean {
  if (c.state === 'draft') return actor.orgId === c.issuer_org_id || actor.orgId === c.co_issuer_org_id;
  return (actor.regionCode ?? '').startsWith(c.region_prefix);
}
