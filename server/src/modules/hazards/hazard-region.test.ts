import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { GENERAL } from './hazard.fixtures';

/**
 * A hazard carries its mine's region, and the hazard scope of provinces and divisions reads it:
 * when the registry moves a mine to another county, its hazards move with it.
 */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-08-01T02:00:00.000Z');
  for (const u of ['dx-mine', 'dx-county', 'xz-city', 'xz-division', 'sx-officer']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, user: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: c[user]! }, ...(payload ? { payload } : {}) });
const ids = async (url: string, user: string) =>
  (await call('GET', url, user)).json<{ items: { id: string }[] }>().items.map((h) => h.id);

describe('a mine moved to another county', () => {
  it('takes its hazards along: region filters, the county scope and the by-region figures follow', async () => {
    const mine = await orgIdByName(ctx.db, '代县示例北坡煤矿');
    const created = await call('POST', '/api/hazards', 'xz-city', {
      ...GENERAL,
      mineId: mine,
      source: 'inspection',
      productionStop: 'none',
      photos: [],
      files: [],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string; regionCode: string }>().id;
    expect(created.json<{ regionCode: string }>().regionCode).toBe('140923');
    expect(await ids('/api/hazards?regionCode=140923', 'xz-city')).toContain(id);
    expect((await call('GET', `/api/hazards/${id}`, 'dx-county')).statusCode).toBe(200);

    const yuanping = await orgIdByName(ctx.db, '原平市应急管理局');
    const moved = await call('PATCH', `/api/mines/${mine}`, 'xz-city', {
      regionCode: '140981',
      supervisorOrgId: yuanping,
    });
    expect(moved.statusCode).toBe(200);

    const after = await call('GET', `/api/hazards/${id}`, 'xz-city');
    expect(after.json<{ regionCode: string }>().regionCode).toBe('140981');
    expect(await ids('/api/hazards?regionCode=140923', 'xz-city')).not.toContain(id);
    expect(await ids('/api/hazards?regionCode=140981', 'xz-city')).toContain(id);
    expect(await ids('/api/hazards?regionCode=140981', 'sx-officer')).toContain(id);
    expect(await ids('/api/hazards', 'xz-division')).toContain(id);
    expect((await call('GET', `/api/hazards/${id}`, 'dx-county')).statusCode).toBe(404);
    expect(await ids('/api/hazards', 'dx-county')).not.toContain(id);
  });
});
