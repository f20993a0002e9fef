import { CAMPAIGN_WORKFLOW, type Campaign, type CampaignState } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { seesCampaign } from '../../access/campaign-scope';
import type { Db } from '../../db/database';
import { executeAction, type WorkflowDeps, type WorkflowModule } from '../../workflow/engine';
import { type CampaignRow, countObligations, findCampaign, writeCampaignState } from './campaign.repository';
import { getCampaign } from './campaign.service';
import { generateObligations } from './obligation.generate';
import { loadPlan } from './plan.repository';

/** The campaign in the actor's sight, or undefined. */
async function loadCampaign(db: Db, actor: Actor, id: string): Promise<CampaignRow | undefined> {
  const row = await findCampaign(db, id);
  return row && seesCampaign(actor, row) ? row : undefined;
}

/** The issuers of a campaign and its state, as the lifecycle reads them. */
export const CAMPAIGN_RECORDS = {
  workflow: CAMPAIGN_WORKFLOW,
  isParty: (_party: 'issuer', actor: Actor, row: CampaignRow) =>
    actor.orgId === row.issuer_org_id || actor.orgId === row.co_issuer_org_id,
  factsOf: (row: CampaignRow) => ({ state: row.state as CampaignState, facts: null }),
};

interface Update {
  activated_at?: string;
  closed_at?: string;
  obligations?: number;
}

/** The campaign lifecycle on the workflow engine: activate (generating obligations), close. */
export const CAMPAIGN_MODULE: WorkflowModule<typeof CAMPAIGN_WORKFLOW, CampaignRow, Update, Campaign> = {
  ...CAMPAIGN_RECORDS,
  entityType: 'campaign',
  load: loadCampaign,
  effects: {
    // Every org in the issuer's jurisdiction gets its obligations for every duty and period.
    activate: async ({ trx, row, now }) => ({
      activated_at: now.toISOString(),
      obligations: await generateObligations(trx, row, await loadPlan(trx, row.plan_id), now),
    }),
    close: async ({ now }) => ({ closed_at: now.toISOString() }),
  },
  async write(trx, row, to, { obligations: _, ...set }) {
    const written = await writeCampaignState(trx, row.id, row.state, to, set);
    return written ? { ...row, ...set, state: to } : null;
  },
  recorded: (_action, _row, _evidence, update) =>
    update.obligations === undefined ? {} : { obligations: update.obligations },
  auditActions: { activate: 'campaign.activated', close: 'campaign.closed' },
  present: (deps, actor, row) => getCampaign(deps, actor, row.id),
};

/** Draft → active: every org in the issuer's jurisdiction gets its obligations for every duty and period. */
export async function activateCampaign(deps: WorkflowDeps, actor: Actor, id: string) {
  const campaign = await executeAction(CAMPAIGN_MODULE, deps, actor, id, 'activate', {});
  return { ...campaign, obligations: await countObligations(deps.db, id) };
}

/** Active → closed: no new obligations, no more submissions or reviews; the board is frozen. */
export function closeCampaign(deps: WorkflowDeps, actor: Actor, id: string) {
  return executeAction(CAMPAIGN_MODULE, deps, actor, id, 'close', {});
}
