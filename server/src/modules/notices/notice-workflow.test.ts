import { NOTICE_SIGN_OFF_WORKFLOW } from '@tiegui/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes, workflowHistory } from '../../testing/workflow-suite';

/** 签收's route tests, generated from its table, on fresh notices 代县应急局 sends to its mines. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

let n = 0;
async function issue(): Promise<string> {
  n += 1;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/notices',
    headers: { cookie: await cookie('dx-county') },
    payload: {
      docNumber: `代应急发〔2024〕${100 + n}号`,
      title: '关于做好专项活动自查工作的通知',
      issuedOn: '2024-08-01',
      body: '请各矿山企业按要求开展自查。',
      recipients: { kinds: ['mine'] },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describeWorkflowRoutes({
  workflow: NOTICE_SIGN_OFF_WORKFLOW,
  records: 'notices',
  entityType: 'notice',
  auditActions: { signOff: 'notice.signed' },
  ctx: () => ctx,
  cookie,
  users: { recipient: 'dx-mine' },
  // The issuing bureau reads its notice but receives none of it.
  readOnlyUsers: ['dx-county'],
  outOfScopeUser: 'yp-mine',
  variants: [{ name: 'a county notice to its mines', start: 'unsigned', facts: () => null, create: issue }],
  evidence: async () => ({}),
  stateOf: (body) =>
    (body as { delivery: { signedAt: string | null } }).delivery.signedAt ? 'signed' : 'unsigned',
  history: (id) => workflowHistory(ctx, 'notice', id),
});
