import {
  type FormDefinition,
  type ObligationAction,
  type ObligationActionForm,
  validateForm,
} from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { buildSelfCheck, SELF_CHECK_VALUES, type SelfCheckBase, selfCheckBase } from './obligation.fixtures';

/** The obligation detail carries the form of each review action the reader may take, and the routes take what it cleans. */
let ctx: TestContext;
const c: Record<string, string> = {};
let base: SelfCheckBase;

/** A fresh self-check obligation of dx-mine, received by its usual recipients or by nobody. */
const obligation = (received: boolean) => buildSelfCheck(ctx.db, base, received);

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-20T02:00:00.000Z');
  for (const u of ['dx-mine', 'dx-county', 'xz-division', 'xz-city']) c[u] = await ctx.login(u);
  base = await selfCheckBase(ctx.db);
});
afterAll(() => ctx.close());

function call(method: 'GET' | 'POST', url: string, user: string, payload?: object) {
  return ctx.app.inject({ method, url, headers: { cookie: c[user]! }, ...(payload ? { payload } : {}) });
}
async function detail(
  id: string,
  user: string,
): Promise<{ state: string; actions: ObligationAction[]; actionForms: ObligationActionForm[] }> {
  const res = await call('GET', `/api/obligations/${id}`, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function formOf(id: string, user: string, action: ObligationAction): Promise<FormDefinition> {
  const found = (await detail(id, user)).actionForms.find((a) => a.action === action);
  if (!found) throw new Error(`${user} is not offered ${action}`);
  return found.form;
}
/** Sends what the form cleans from these inputs, as the web's review panel does. */
function send(id: string, user: string, action: ObligationAction, form: FormDefinition, inputs: object) {
  return call('POST', `/api/obligations/${id}/actions/${action}`, user, validateForm(form, inputs).values);
}
async function submitted(): Promise<string> {
  const id = await obligation(true);
  const res = await call('POST', `/api/obligations/${id}/actions/submit`, 'dx-mine', {
    values: SELF_CHECK_VALUES,
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

describe('GET /api/obligations/:id: the actions and their forms', () => {
  it('the mine may submit while it is open, to its recipients or on record; the form is the duty’s own', async () => {
    const toRecipients = await obligation(true);
    expect(await detail(toRecipients, 'dx-mine')).toMatchObject({ actions: ['submit'], actionForms: [] });
    const onRecord = await obligation(false);
    expect(await detail(onRecord, 'dx-mine')).toMatchObject({ actions: ['record'], actionForms: [] });
    // Nothing to review yet.
    expect(await detail(toRecipients, 'dx-county')).toMatchObject({ actions: [], actionForms: [] });
  });

  it('once submitted, each recipient may accept or return it; the mine may do nothing more', async () => {
    const id = await submitted();
    expect(await detail(id, 'dx-mine')).toMatchObject({ actions: [], actionForms: [] });
    for (const user of ['dx-county', 'xz-division']) {
      const review = await detail(id, user);
      expect(review.actions).toEqual(['accept', 'return']);
      expect(review.actionForms.map((a) => [a.action, a.label])).toEqual([
        ['accept', '审核通过'],
        ['return', '退回'],
      ]);
      const [accept, back] = review.actionForms;
      expect(accept?.form.fields).toEqual([
        expect.objectContaining({ key: 'comment', label: '审核意见', type: 'textarea', required: false }),
      ]);
      expect(back?.form.fields).toEqual([
        expect.objectContaining({ key: 'comment', label: '审核意见', type: 'textarea', required: true }),
      ]);
    }
  });

  it('a reader who neither owes nor receives it is offered nothing', async () => {
    const id = await submitted();
    expect(await detail(id, 'xz-city')).toMatchObject({ actions: [], actionForms: [] });
  });

  it('the list rows stay without them', async () => {
    const res = await call('GET', '/api/obligations', 'dx-mine');
    expect(res.statusCode).toBe(200);
    const items: object[] = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).not.toHaveProperty('actions');
      expect(item).not.toHaveProperty('actionForms');
    }
  });
});

describe('the forms and the routes agree', () => {
  it('a return left blank is refused at the comment, in words saying why; with a reason it goes back', async () => {
    const id = await submitted();
    const back = await formOf(id, 'dx-county', 'return');
    const refused = await send(id, 'dx-county', 'return', back, { comment: '  ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual([{ field: 'comment', message: '审核意见：退回时须说明原因' }]);

    const returned = await send(id, 'dx-county', 'return', back, { comment: ' 请补充整改时限 ', stray: 'x' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ state: 'returned', actions: [], actionForms: [] });
    expect(returned.json().submissions[0].reviewComment).toBe('请补充整改时限');
    expect(await detail(id, 'dx-mine')).toMatchObject({ actions: ['submit'], actionForms: [] });
  });

  it('an accept left blank is taken', async () => {
    const id = await submitted();
    const accept = await formOf(id, 'xz-division', 'accept');
    const res = await send(id, 'xz-division', 'accept', accept, { comment: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'accepted', actions: [], actionForms: [] });
  });
});
