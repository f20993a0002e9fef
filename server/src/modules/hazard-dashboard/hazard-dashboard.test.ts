import { COAL_MAJOR_HAZARD_STANDARD } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMine } from '../../seed/builders';
import { seedDemoHazards } from '../../seed/demo-hazards';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { MAJOR } from '../hazards/hazard.fixtures';

/** The 动态清零 dashboard over the demo hazards, and the catalog of standards. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoHazards(ctx.db);
  for (const u of ['dx-county', 'xz-city', 'yp-mine', 'sx-officer', 'dx-mine', 'sx-admin'])
    c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const get = (url: string, user?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: user ? { cookie: c[user]! } : {} });
const post = (user: string, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: { cookie: c[user]! }, payload });
const MAJOR_INSPECTION = { ...MAJOR, source: 'inspection' };

describe('GET /api/hazards/dashboard', () => {
  it('401 without a session, 400 for a bad region, 403 for an administrator', async () => {
    expect((await get('/api/hazards/dashboard')).statusCode).toBe(401);
    expect((await get('/api/hazards/dashboard?regionCode=abc', 'xz-city')).json().fields[0].field).toBe(
      'regionCode',
    );
    expect((await get('/api/hazards/dashboard', 'sx-admin')).statusCode).toBe(403);
  });

  it('the city sees its figures: open, overdue, supervised, recurrence, days to closure and the curve', async () => {
    const d = (await get('/api/hazards/dashboard?months=4', 'xz-city')).json();
    expect(d).toMatchObject({
      openMajor: 3,
      openGeneral: 1,
      overdueMajor: 0,
      overdueGeneral: 1,
      supervised: 1,
      recurrenceMines: 1,
      avgDaysToClose: 36.5,
    });
    expect(d.months).toEqual([
      { month: '2024-05', found: 1, closed: 0, openAtEnd: 1 },
      { month: '2024-06', found: 1, closed: 1, openAtEnd: 1 },
      { month: '2024-07', found: 3, closed: 1, openAtEnd: 3 },
      { month: '2024-08', found: 0, closed: 0, openAtEnd: 3 },
    ]);
    expect(d.byRegion).toEqual([
      { code: '140923', name: '代县', open: 1, overdue: 0, total: 2 },
      { code: '140981', name: '原平市', open: 2, overdue: 0, total: 3 },
    ]);
    const province = (await get('/api/hazards/dashboard', 'sx-officer')).json();
    expect(province.byRegion).toEqual([{ code: '140900', name: '忻州市', open: 3, overdue: 0, total: 5 }]);
    const water = d.byCategory.find((x: { code: string }) => x.code === 'C09');
    expect(water).toMatchObject({ name: '有严重水患，未采取有效措施', open: 0, total: 1 });
  });

  it('drills down by region prefix', async () => {
    const d = (await get('/api/hazards/dashboard?regionCode=140900', 'sx-officer')).json();
    expect(d.byRegion.map((r: { code: string }) => r.code)).toEqual(['140923', '140981']);
    const one = (await get('/api/hazards/dashboard?regionCode=140923', 'xz-city')).json();
    expect(one.openMajor).toBe(1);
  });

  it('each jurisdiction counts only its own', async () => {
    expect((await get('/api/hazards/dashboard', 'dx-county')).json()).toMatchObject({
      openMajor: 1,
      recurrenceMines: 0,
    });
    expect((await get('/api/hazards/dashboard', 'yp-mine')).json()).toMatchObject({
      openMajor: 2,
      recurrenceMines: 1,
    });
    expect((await get('/api/hazards/dashboard?regionCode=140981', 'dx-county')).json().openMajor).toBe(0);
  });

  it('重复发生矿山: a mine counts once, the KPI is the length of the list it heads, each entry its hazards', async () => {
    const yp = await orgIdByName(ctx.db, '原平市应急管理局');
    const mine = await ctx.db
      .transaction()
      .execute((trx) =>
        buildMine(trx, { supervisorOrgId: yp, regionCode: '140981', name: '原平市三次发现煤矿' }),
      );
    for (const foundOn of ['2024-06-05', '2024-07-05', '2024-07-25'])
      expect(
        (await post('xz-city', '/api/hazards', { ...MAJOR_INSPECTION, mineId: mine, foundOn })).statusCode,
      ).toBe(201);
    const d = (await get('/api/hazards/dashboard?months=4', 'xz-city')).json();
    const window = (await get('/api/hazards/recurrences?months=4', 'xz-city')).json().items;
    expect(d.recurrenceMines).toBe(window.length);
    const ids = window.map((r: { mineId: string }) => r.mineId);
    expect(new Set(ids).size).toBe(ids.length);
    const entry = window.find((r: { mineId: string }) => r.mineId === mine);
    expect(entry.hazards.map((h: { foundOn: string }) => h.foundOn)).toEqual([
      '2024-06-05',
      '2024-07-05',
      '2024-07-25',
    ]);
    const listed = (await get('/api/hazards/recurrences', 'xz-city')).json().items;
    expect(listed.filter((r: { mineId: string }) => r.mineId === mine)).toHaveLength(1);
    // The same definition narrowed to another county holds neither the entry nor the count.
    const county = (await get('/api/hazards/dashboard?regionCode=140923&months=4', 'xz-city')).json();
    const inCounty = (await get('/api/hazards/recurrences?regionCode=140923&months=4', 'xz-city')).json()
      .items;
    expect(inCounty.map((r: { mineId: string }) => r.mineId)).not.toContain(mine);
    expect(county.recurrenceMines).toBe(inCounty.length);
  });

  it('the demo left 原平 stopped (停产整顿) waiting for the resume consent', async () => {
    const yp = await orgIdByName(ctx.db, '原平市示例东山煤矿');
    const mine = (await get(`/api/mines/${yp}`, 'xz-city')).json();
    expect(mine.status).toBe('suspended_rectification');
    const waiting = (await get('/api/hazards?state=resume_applied', 'xz-city')).json().items;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].actions).toEqual(['approveResume', 'refuseResume']);
  });
});

describe('hazard standards (catalog)', () => {
  it('lists the stored versions and reads one', async () => {
    const items = (await get('/api/hazards/catalogs', 'dx-mine')).json().items;
    expect(items.map((i: { key: string }) => i.key).sort()).toEqual([
      'coal-major-hazard',
      'nonmetal-major-hazard',
    ]);
    const coal = (await get('/api/hazards/catalogs/coal-major-hazard', 'dx-mine')).json();
    expect(coal.categories).toHaveLength(15);
    expect((await get('/api/hazards/catalogs/nope', 'dx-mine')).statusCode).toBe(404);
  });

  it('only a province uploads a next version; the new version classifies new hazards', async () => {
    const post = (user: string, payload: object) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/hazards/catalogs',
        headers: { cookie: c[user]! },
        payload,
      });
    const next = { ...COAL_MAJOR_HAZARD_STANDARD, version: 2, note: '管理员补充' };
    expect((await post('sx-officer', { ...next, categories: [] })).statusCode).toBe(400);
    expect((await post('sx-officer', { ...next, version: 1 })).json().fields[0].field).toBe('version');
    expect((await post('dx-mine', next)).statusCode).toBe(403);
    expect((await post('xz-city', next)).statusCode).toBe(403);
    const res = await post('sx-officer', next);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, categories: 15 });
    const h = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: c['dx-mine']! },
      payload: {
        level: 'major',
        categoryCode: 'C07',
        description: '通风测试隐患内容',
        location: '井下',
        foundOn: '2024-07-31',
        foundBy: '孙安全',
        source: 'self_check',
      },
    });
    expect(h.json().catalogVersion).toBe(2);
  });
});
