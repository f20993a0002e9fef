import { describe, expect, it } from 'vitest';
import { type ScopedCampaign, seesCampaign } from './campaign-scope';

/** Which campaigns an org sees: one named test per branch. */
const active: ScopedCampaign = {
  region_prefix: '14',
  state: 'active',
  issuer_org_id: 'P',
  co_issuer_org_id: 'Q',
};
const draft: ScopedCampaign = { ...active, state: 'draft' };
const org = (orgId: string, regionCode: string | null) => ({ orgId, regionCode });

describe('seesCampaign', () => {
  it('a launched campaign: every org whose region lies in the campaign’s', () => {
    expect(seesCampaign(org('C', '140900'), active)).toBe(true);
    expect(seesCampaign(org('M', '140923'), { ...active, state: 'closed' })).toBe(true);
  });

  it('a launched campaign: not an org of another province, nor one without a region', () => {
    expect(seesCampaign(org('X', '130100'), active)).toBe(false);
    expect(seesCampaign(org('G', null), active)).toBe(false);
  });

  it('a draft: its issuer and its co-issuer', () => {
    expect(seesCampaign(org('P', '140000'), draft)).toBe(true);
    expect(seesCampaign(org('Q', '140000'), draft)).toBe(true);
  });

  it('a draft: no other org, even in its region', () => {
    expect(seesCampaign(org('C', '140900'), draft)).toBe(false);
  });
});
