import { CAMPAIGN_WORKFLOW } from '@tiegui/domain';
import { afterAll, beforeAll } from 'vitest';
import { buildCampaign, buildUser } from '../../seed/builders';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes, workflowHistory } from '../../testing/workflow-suite';
import { hashPassword } from '../auth/password';

/**
 * The campaign lifecycle's route tests, generated from its table, on fresh campaigns that 代县应急局
 * issues for its own county (so 原平 does not see them).
 */
let ctx: TestContext;
let base: { planId: string; issuerOrgId: string; createdBy: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const county = await ctx.db
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('username', '=', 'dx-county')
    .executeTakeFirstOrThrow();
  const plan = await ctx.db.selectFrom('campaigns').select('plan_id').executeTakeFirstOrThrow();
  base = { planId: plan.plan_id, issuerOrgId: county.org_id, createdBy: county.id };
  // An inspector of the issuing bureau sees its drafts but may not manage campaigns.
  await buildUser(ctx.db, {
    orgId: county.org_id,
    roles: ['inspector'],
    username: 'dx-inspector',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

describeWorkflowRoutes({
  workflow: CAMPAIGN_WORKFLOW,
  records: 'campaigns',
  entityType: 'campaign',
  auditActions: { activate: 'campaign.activated', close: 'campaign.closed' },
  ctx: () => ctx,
  cookie,
  users: { issuer: 'dx-county' },
  readOnlyUsers: ['dx-inspector'],
  outOfScopeUser: 'yp-mine',
  variants: [
    {
      name: 'a county campaign',
      start: 'draft',
      facts: () => null,
      create: () => buildCampaign(ctx.db, { ...base, regionPrefix: '140923' }),
    },
  ],
  evidence: async () => ({}),
  stateOf: (body) => (body as { state: string }).state,
  history: (id) => workflowHistory(ctx, 'campaign', id),
});
