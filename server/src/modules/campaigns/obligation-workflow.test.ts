import { OBLIGATION_WORKFLOW } from '@tiegui/domain';
import { afterAll, beforeAll } from 'vitest';
import { buildObligation } from '../../seed/builders';
import { createTestContext, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes, workflowHistory } from '../../testing/workflow-suite';

/** Obligations' route tests, generated from their workflow table, on fresh obligations of dx-mine. */
let ctx: TestContext;
let base: { campaignId: string; orgId: string; recipients: string[] };

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-20T02:00:00.000Z');
  const own = await ctx.db
    .selectFrom('obligations as ob')
    .innerJoin('users as u', 'u.org_id', 'ob.org_id')
    .select(['ob.id', 'ob.campaign_id', 'ob.org_id'])
    .where('u.username', '=', 'dx-mine')
    .where('ob.duty_key', '=', 't3-principal-selfcheck')
    .executeTakeFirstOrThrow();
  const recipients = await ctx.db
    .selectFrom('obligation_recipients')
    .select('org_id')
    .where('obligation_id', '=', own.id)
    .execute();
  base = { campaignId: own.campaign_id, orgId: own.org_id, recipients: recipients.map((r) => r.org_id) };
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

const variant = (name: string, received: boolean) => ({
  name,
  start: 'pending' as const,
  facts: () => ({ campaignState: 'active' as const, hasRecipients: received }),
  create: () =>
    buildObligation(ctx.db, {
      ...base,
      recipients: received ? base.recipients : [],
      dutyKey: 't3-principal-selfcheck',
      orgKind: 'mine',
      dueAt: '2024-09-30T15:59:59.000Z',
    }),
});

const VALUES = {
  oneTeam: 'yes',
  chairman: 'director',
  summary: '逐条自查主要负责人履职情况。',
  rectifications: [{ problem: '记录不全', measure: '补全记录', dueOn: '2024-09-28', owner: '周矿长' }],
};

describeWorkflowRoutes({
  workflow: OBLIGATION_WORKFLOW,
  records: 'obligations',
  entityType: 'obligation',
  auditActions: {
    submit: 'obligation.submitted',
    record: 'obligation.submitted',
    accept: 'obligation.accepted',
    return: 'obligation.returned',
  },
  ctx: () => ctx,
  cookie,
  users: { owner: 'dx-mine', recipient: 'dx-county' },
  // The city sees the mine's obligation but neither owes nor receives it.
  readOnlyUsers: ['xz-city'],
  outOfScopeUser: 'yp-mine',
  variants: [variant('to its recipients', true), variant('kept on record', false)],
  avoid: ['return'],
  evidence: async (action) =>
    action === 'submit' || action === 'record'
      ? { values: VALUES }
      : action === 'return'
        ? { comment: '请补充整改时限' }
        : { comment: '同意' },
  stateOf: (body) => (body as { state: string }).state,
  history: (id) => workflowHistory(ctx, 'obligation', id),
});
