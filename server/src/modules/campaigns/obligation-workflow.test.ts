import { OBLIGATION_WORKFLOW } from '@tiegui/domain';
import { afterAll, beforeAll } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes, workflowHistory } from '../../testing/workflow-suite';
import { buildSelfCheck, SELF_CHECK_VALUES, type SelfCheckBase, selfCheckBase } from './obligation.fixtures';

/** Obligations' route tests, generated from their workflow table, on fresh obligations of dx-mine. */
let ctx: TestContext;
let base: SelfCheckBase;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-20T02:00:00.000Z');
  base = await selfCheckBase(ctx.db);
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

const variant = (name: string, received: boolean) => ({
  name,
  start: 'pending' as const,
  facts: () => ({ campaignState: 'active' as const, hasRecipients: received }),
  create: () => buildSelfCheck(ctx.db, base, received),
});

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
      ? { values: SELF_CHECK_VALUES }
      : action === 'return'
        ? { comment: '请补充整改时限' }
        : { comment: '同意' },
  stateOf: (body) => (body as { state: string }).state,
  history: (id) => workflowHistory(ctx, 'obligation', id),
});
