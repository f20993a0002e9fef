import { type FormDefinition, HAZARD_WORKFLOW, type HazardActionForm, validateForm } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { fileRefs, MAJOR, SAMPLE_EVIDENCE } from './hazard.fixtures';

/** The hazard detail carries the form of each action the reader may take, and the routes take what it cleans. */
let ctx: TestContext;
const c: Record<string, string> = {};
let hazardId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-08-01T02:00:00.000Z');
  for (const u of ['dx-mine', 'dx-county', 'grp-a']) c[u] = await ctx.login(u);
  const res = await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, productionStop: 'none' });
  expect(res.statusCode, res.body).toBe(201);
  hazardId = res.json().id;
});
afterAll(() => ctx.close());

function call(method: 'GET' | 'POST', url: string, user: string, payload?: object) {
  return ctx.app.inject({ method, url, headers: { cookie: c[user]! }, ...(payload ? { payload } : {}) });
}
async function detail(user: string): Promise<{ actions: string[]; actionForms: HazardActionForm[] }> {
  const res = await call('GET', `/api/hazards/${hazardId}`, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function formOf(user: string, action: string): Promise<FormDefinition> {
  const found = (await detail(user)).actionForms.find((a) => a.action === action);
  if (!found) throw new Error(`${user} is not offered ${action}`);
  return found.form;
}
/** Sends what the form cleans from these inputs, as the web's action modal does. */
function send(user: string, action: string, form: FormDefinition, inputs: Record<string, unknown>) {
  return call('POST', `/api/hazards/${hazardId}/actions/${action}`, user, validateForm(form, inputs).values);
}
/** Every path a 400 may name at a field of the form: `fundsYuan`, `finderReward.amountYuan`. */
const pathsOf = (form: FormDefinition) =>
  form.fields.flatMap((f) => (f.type === 'group' ? f.fields.map((s) => `${f.key}.${s.key}`) : [f.key]));

describe('GET /api/hazards/:id: the forms of the actions', () => {
  it('one beside each action the reader may take, in the same order, labelled as the table says', async () => {
    const mine = await detail('dx-mine');
    expect(mine.actions).toEqual(['plan']);
    expect(mine.actionForms.map((a) => a.action)).toEqual(mine.actions);
    const [plan] = mine.actionForms;
    expect(plan?.label).toBe(HAZARD_WORKFLOW.actions.plan.label);
    expect(plan?.form.fields.find((f) => f.key === 'fundsYuan')).toMatchObject({
      type: 'money',
      label: '整改资金（元）',
      required: true,
    });

    const county = await detail('dx-county');
    expect(county.actionForms.map((a) => a.action)).toEqual(county.actions);
    expect(county.actions).toEqual(['orderStop']);
    expect((await detail('grp-a')).actionForms).toEqual([]);
  });

  it('the list rows stay without them', async () => {
    const res = await call('GET', '/api/hazards?limit=5', 'dx-mine');
    expect(res.statusCode).toBe(200);
    const items: object[] = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).not.toHaveProperty('actionForms');
  });
});

describe('the forms and the routes agree', () => {
  it('what a form cleans from its inputs is taken; a 400 names a path of the form', async () => {
    const plan = await formOf('dx-mine', 'plan');
    const { fundsYuan: _, ...withoutFunds } = SAMPLE_EVIDENCE.plan([]);
    const refused = await send('dx-mine', 'plan', plan, withoutFunds);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.map((f: { field: string }) => f.field)).toEqual(['fundsYuan']);
    expect(pathsOf(plan)).toContain('fundsYuan');

    for (const action of ['plan', 'reportProgress', 'declareRectified', 'evaluate'] as const) {
      const form = await formOf('dx-mine', action);
      const inputs = { ...SAMPLE_EVIDENCE[action](await fileRefs(ctx, 'dx-mine')), stray: '' };
      const res = await send('dx-mine', action, form, inputs);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }

    // 销号 with the finder's reward begun but not finished: the 400 lands in the group.
    const close = await formOf('dx-county', 'close');
    const half = { ...SAMPLE_EVIDENCE.close([]), finderReward: { recipient: '李四', amountYuan: null } };
    const begun = await send('dx-county', 'close', close, half);
    expect(begun.statusCode).toBe(400);
    const fields = begun.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['finderReward.amountYuan']);
    expect(pathsOf(close)).toEqual(expect.arrayContaining(fields));

    // Left blank, the group is not sent at all.
    const blank = { ...SAMPLE_EVIDENCE.close([]), finderReward: { recipient: ' ' }, penalty: {} };
    const closed = await send('dx-county', 'close', close, blank);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().actionForms).toEqual([]);
  });
});
