import { z } from 'zod';
import { CAMPAIGN_STATES } from '../schemas/campaign';
import { type ActionOf, defineWorkflow } from './workflow';

/**
 * A campaign's lifecycle: drafted by its issuer, activated (every org in the jurisdiction gets its
 * obligations), closed (no more submissions or reviews; the board is frozen).
 */
export type CampaignState = keyof typeof CAMPAIGN_STATES;

const ISSUER = { party: 'issuer', permission: 'campaign.manage' } as const;
const NO_BODY = z.strictObject({});

export const CAMPAIGN_WORKFLOW = defineWorkflow<CampaignState, 'issuer', never, never, null>()({
  record: '专项活动',
  states: CAMPAIGN_STATES,
  parties: { issuer: '发文单位' },
  guards: {},
  actions: {
    activate: { label: '启动', from: ['draft'], to: 'active', who: [ISSUER], evidence: NO_BODY },
    close: { label: '结束', from: ['active'], to: 'closed', who: [ISSUER], evidence: NO_BODY },
  },
  stateConflicts: {
    activate: { active: '专项活动已启动', closed: '专项活动已结束，不能再启动' },
    close: { draft: '专项活动尚未启动', closed: '专项活动已结束' },
  },
});
export type CampaignAction = ActionOf<typeof CAMPAIGN_WORKFLOW>;
