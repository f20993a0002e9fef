import { HAZARD_COUNT_CAP } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHazardsScale } from '../../seed/hazards-scale';
import { createTestContext, type TestContext, walkHazardList } from '../../testing';

/**
 * GET /api/hazards/count: the count of a filtered list, read through an index of the scope
 * (regions or mines) rather than the list's walk, so it must count exactly the hazards the list
 * shows, for every kind of user and filter; past the cap it says "at least".
 */
let ctx: TestContext;
const c: Record<string, string> = {};
const USERS = ['sx-officer', 'xz-division', 'xz-city', 'dx-county', 'grp-a', 'dx-mine', 'yp-mine'];

beforeAll(async () => {
  ctx = await createTestContext();
  // Generated hazards over the demo mines, seen as of 2025-12-31 (open, closed, major, listed).
  await seedHazardsScale(ctx.db, { seed: 7, count: 1500 });
  ctx.clock.set('2025-12-31T06:00:00.000Z');
  for (const u of USERS) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const get = (url: string, user?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: user ? { cookie: c[user]! } : {} });

/** Every hazard id the list shows for a filter, walking its pages. */
const listed = (user: string, filter: string) => walkHazardList(ctx.app, c[user]!, filter, 200);

describe('GET /api/hazards/count', () => {
  it('401 without a session', async () => {
    expect((await get('/api/hazards/count')).statusCode).toBe(401);
  });

  it('400 naming the filter that is wrong', async () => {
    const res = await get('/api/hazards/count?level=huge', 'dx-county');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('level');
    expect((await get('/api/hazards/count?regionCode=14x', 'dx-county')).json().fields[0].field).toBe(
      'regionCode',
    );
  });

  it('counts exactly what the list shows, for every kind of user and filter', async () => {
    const filters = [
      '',
      'open=true',
      'overdue=true',
      'level=major',
      'supervised=true',
      'source=inspection',
      'selfReported=false',
      'state=closed',
      'regionCode=140923',
      'foundFrom=2025-01-01&foundTo=2025-06-30',
    ];
    let nonEmpty = 0;
    for (const user of USERS) {
      for (const filter of filters) {
        const ids = await listed(user, filter);
        if (ids.length > 0) nonEmpty += 1;
        expect(new Set(ids).size, `${user} ${filter}: the list repeats no hazard`).toBe(ids.length);
        const res = await get(`/api/hazards/count?${filter}`, user);
        expect(res.json(), `${user} ${filter}`).toEqual({ total: ids.length, capped: false });
      }
    }
    // The figures compared are not all zero.
    expect(nonEmpty).toBeGreaterThan(USERS.length * 3);
    // Scopes differ: a mine counts its own, the province all of them.
    const total = async (user: string) => (await get('/api/hazards/count', user)).json().total as number;
    expect(await total('dx-mine')).toBeLessThan(await total('dx-county'));
    expect(await total('dx-county')).toBeLessThan(await total('sx-officer'));
  });

  it('stops past the cap and says so; a count under it stays exact', async () => {
    await seedHazardsScale(ctx.db, { seed: 8, count: HAZARD_COUNT_CAP });
    expect((await get('/api/hazards/count', 'sx-officer')).json()).toEqual({
      total: HAZARD_COUNT_CAP,
      capped: true,
    });
    const mine = await listed('dx-mine', 'level=major');
    expect((await get('/api/hazards/count?level=major', 'dx-mine')).json()).toEqual({
      total: mine.length,
      capped: false,
    });
  });
});
