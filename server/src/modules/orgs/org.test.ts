import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';

let ctx: TestContext;
let admin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('sx-admin');
});
afterAll(() => ctx.close());

describe('GET /api/orgs', () => {
  it('401 without a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/orgs' })).statusCode).toBe(401);
  });

  it('a county sees itself and its mines; the city sees its 14 counties', async () => {
    const county = await ctx.login('dx-county');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/orgs?includeMines=true',
      headers: { cookie: county },
    });
    const items = res.json().items as { kind: string; name: string; regionCode: string }[];
    expect(items.filter((o) => o.kind === 'county').map((o) => o.name)).toEqual(['代县应急管理局']);
    for (const o of items.filter((o) => o.kind === 'mine')) expect(o.regionCode).toBe('140923');
    const city = await ctx.login('xz-city');
    const cityRes = await ctx.app.inject({
      method: 'GET',
      url: '/api/orgs?kind=county',
      headers: { cookie: city },
    });
    expect(cityRes.json().items).toHaveLength(14);
  });

  it('the demo tree has both province orgs, 11 cities and a division covering 1409', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie: admin } });
    const items = res.json().items as { kind: string; name: string; coveredRegions: string[] }[];
    expect(
      items
        .filter((o) => o.kind === 'province')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['国家矿山安全监察局山西局', '山西省应急管理厅'].sort());
    expect(items.filter((o) => o.kind === 'city')).toHaveLength(11);
    expect(items.find((o) => o.kind === 'division')?.coveredRegions).toEqual(['1409']);
    expect(items.filter((o) => o.kind === 'group')).toHaveLength(2);
  });
});

describe('POST /api/orgs', () => {
  it('403 for a business user', async () => {
    const cookie = await ctx.login('sx-officer');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie },
      payload: { parentId: null, kind: 'group', name: '测试集团', regionCode: '140000' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('400 for a county under a province or outside its city', async () => {
    const province = await orgIdByName(ctx.db, '山西省应急管理厅');
    const underProvince = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin },
      payload: { parentId: province, kind: 'county', name: '测试县局', regionCode: '140923' },
    });
    expect(underProvince.statusCode).toBe(400);
    expect(underProvince.json().fields[0].field).toBe('parentId');
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const outside = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin },
      payload: { parentId: xinzhou, kind: 'county', name: '测试县局', regionCode: '140123' },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields[0].field).toBe('regionCode');
  });

  it('creates a division with covered regions, audited', async () => {
    const bureau = await orgIdByName(ctx.db, '国家矿山安全监察局山西局');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin },
      payload: {
        parentId: bureau,
        kind: 'division',
        name: '测试监察执法处',
        regionCode: '140100',
        coveredRegions: ['1401', '1402'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().coveredRegions).toEqual(['1401', '1402']);
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${res.json().id}`,
      headers: { cookie: admin },
      payload: { coveredRegions: ['1403'] },
    });
    expect(patched.json().coveredRegions).toEqual(['1403']);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', res.json().id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['org.created', 'org.updated']);
  });

  it('404 for an unknown org', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/orgs/nope',
      headers: { cookie: admin },
      payload: { name: '改名测试' },
    });
    expect(res.statusCode).toBe(404);
  });
});
