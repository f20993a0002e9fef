import { ACCOUNT_CHANGE_WORKFLOW } from '@tiegui/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildUser } from '../../seed/builders';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes, workflowHistory } from '../../testing/workflow-suite';
import { hashPassword } from '../auth/password';
import { ACCOUNT_CHANGE_MODULE } from './account-change.workflow';

/**
 * The account change table's route tests, generated from it: sx-admin files, sx-sec approves,
 * sx-audit confirms the deactivation of an audit administrator (a fresh one per record, so sx-audit
 * stays). A second system administrator does not see sx-admin's requests (404).
 */
let ctx: TestContext;
const province = () => orgIdByName(ctx.db, '山西省应急管理厅');

beforeAll(async () => {
  ctx = await createTestContext();
  await buildUser(ctx.db, {
    orgId: await province(),
    roles: ['sys_admin'],
    username: 'sx-admin-2',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

let n = 0;
async function file(payload: object): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/account-changes',
    headers: { cookie: await cookie('sx-admin') },
    payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

describeWorkflowRoutes({
  workflow: ACCOUNT_CHANGE_WORKFLOW,
  records: 'account-changes',
  entityType: 'accountChange',
  auditActions: ACCOUNT_CHANGE_MODULE.auditActions,
  ctx: () => ctx,
  cookie,
  users: { requester: 'sx-admin', approver: 'sx-sec', confirmer: 'sx-audit' },
  readOnlyUsers: [],
  outOfScopeUser: 'sx-admin-2',
  variants: [
    {
      name: 'a new county officer account (one approval)',
      kind: 'single',
      start: 'pending',
      facts: () => ({ byRequester: false, byTarget: false }),
      create: async () => {
        n += 1;
        return file({
          change: 'create',
          username: `dx-officer-${n}`,
          displayName: '县局新人',
          orgId: await orgIdByName(ctx.db, '代县应急管理局'),
          roles: ['regulator_officer'],
        });
      },
    },
    {
      name: 'deactivating an audit administrator (two approvals)',
      kind: 'dual',
      start: 'pending',
      facts: () => ({ byRequester: false, byTarget: false }),
      create: async () => {
        const auditor = await buildUser(ctx.db, {
          orgId: await province(),
          roles: ['audit_admin'],
          passwordHash: 'not-a-hash',
        });
        return file({ change: 'deactivate', userId: auditor });
      },
    },
  ],
  evidence: async (action) =>
    action === 'reject' || action === 'rejectSecond'
      ? { reason: '申请依据不足' }
      : action === 'withdraw'
        ? {}
        : { comment: '同意' },
  stateOf: (body) => (body as { state: string }).state,
  history: (id) => workflowHistory(ctx, 'accountChange', id),
});
