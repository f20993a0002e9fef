import { MINE_JURISDICTION_FIELDS } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';

/** The record says which fields this user may not change, and the server refuses exactly those. */
let ctx: TestContext;
let mineId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-mine', 'dx-county']) cookies[u] = await ctx.login(u);
  mineId = await orgIdByName(ctx.db, '代县示例东山煤矿');
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'PATCH', user: string, payload?: object) =>
  ctx.app.inject({
    method,
    url: `/api/mines/${mineId}`,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload ? { payload } : {}),
  });

describe('GET /api/mines/:id lockedFields', () => {
  it('a mine’s own staff: 信用代码, 生产状态 and the regulators are locked; each is refused', async () => {
    const mine = (await call('GET', 'dx-mine')).json();
    expect(mine.lockedFields).toEqual([...MINE_JURISDICTION_FIELDS]);
    expect(mine.lockedFields).toEqual(expect.arrayContaining(['uscc', 'status', 'supervisorOrgId']));
    const refused = await call('PATCH', 'dx-mine', { status: 'long_term_suspended' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().fields).toEqual([{ field: 'status', message: '矿山企业不能修改此项' }]);
    expect((await call('PATCH', 'dx-mine', { principalPhone: '13900001111' })).statusCode).toBe(200);
  });

  it('the county that supervises it: nothing locked', async () => {
    expect((await call('GET', 'dx-county')).json().lockedFields).toEqual([]);
  });
});
