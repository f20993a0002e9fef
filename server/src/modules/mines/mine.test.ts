import { usccCheckChar } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';

let ctx: TestContext;
let daixian: string;
let county: string;
beforeAll(async () => {
  ctx = await createTestContext();
  daixian = await orgIdByName(ctx.db, '代县应急管理局');
  county = await ctx.login('dx-county');
});
afterAll(() => ctx.close());

const uscc = (n: number) => {
  const body = `91140923MA0${String(n).padStart(6, '0')}`;
  return body + usccCheckChar(body);
};

const validMine = (n: number) => ({
  name: `代县示例新建${n}号煤矿`,
  uscc: uscc(n),
  category: 'coal',
  mineType: 'underground',
  status: 'producing',
  designCapacity: 90,
  gasGrade: 'low',
  hydroType: 'medium',
  principalName: '钱矿长',
  principalPhone: '13912345678',
  directorIsChairman: false,
  supervisorOrgId: daixian,
  regionCode: '140923',
});

const post = (payload: unknown, cookie = county) =>
  ctx.app.inject({ method: 'POST', url: '/api/mines', headers: { cookie }, payload: payload as object });

describe('POST /api/mines', () => {
  it('401 without a session', async () => {
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/mines', payload: validMine(1) })).statusCode,
    ).toBe(401);
  });

  it('400 for a wrong 统一社会信用代码, naming the field and the reason', async () => {
    const good = uscc(2);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await post({ ...validMine(2), uscc: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'uscc', message: expect.stringContaining('统一社会信用代码：') },
    ]);
    expect(res.json().message).toContain('校验位');
  });

  it('400 for each missing or malformed field, in Chinese', async () => {
    const { principalName: _p, ...noPrincipal } = validMine(3);
    const res = await post({ ...noPrincipal, principalPhone: '123', regionCode: '1409' });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(['principalName', 'principalPhone', 'regionCode']);
    expect(res.json().message).toContain('矿长电话');
  });

  it('400 for unknown fields (never stored)', async () => {
    const res = await post({ ...validMine(4), secret: 'x' });
    expect(res.statusCode).toBe(400);
  });

  it('400 for a gas grade on a non-coal mine', async () => {
    const res = await post({ ...validMine(5), category: 'metal_nonmetal', gasGrade: 'high' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('gasGrade');
  });

  it('400 when the region is outside the supervising bureau', async () => {
    const res = await post({ ...validMine(6), regionCode: '140981' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'regionCode' });
  });

  it('400 when a county places a mine under another bureau', async () => {
    const yuanping = await orgIdByName(ctx.db, '原平市应急管理局');
    const res = await post({ ...validMine(7), supervisorOrgId: yuanping, regionCode: '140981' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('supervisorOrgId');
  });

  it('403 for a mine user and for a division (the national line does not keep the registry)', async () => {
    expect((await post(validMine(8), await ctx.login('dx-mine'))).statusCode).toBe(403);
    expect((await post(validMine(8), await ctx.login('xz-division'))).statusCode).toBe(403);
  });

  it('creates a mine, defaults its division from the region, and audits it', async () => {
    const res = await post(validMine(9));
    expect(res.statusCode).toBe(201);
    const mine = res.json();
    expect(mine).toMatchObject({
      name: '代县示例新建9号煤矿',
      supervisorName: '代县应急管理局',
      divisionName: '国家矿山安全监察局山西局忻州监察执法处',
      abilities: { canUpdate: true, canDeactivate: true },
    });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', mine.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['mine.created']);
    expect(audit[0]?.actor_username).toBe('dx-county');
  });

  it('409 for a 统一社会信用代码 already registered', async () => {
    const res = await post({ ...validMine(9), name: '另一个名字' });
    expect(res.statusCode).toBe(409);
    expect(res.json().fields[0].field).toBe('uscc');
  });
});

describe('PATCH /api/mines/:id', () => {
  it('a mine changes its own descriptive fields but not its jurisdiction', async () => {
    const dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
    const cookie = await ctx.login('dx-mine');
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/mines/${dxMine}`,
      headers: { cookie },
      payload: { principalPhone: '13700001111', directorIsChairman: true },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ principalPhone: '13700001111', directorIsChairman: true });
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/mines/${dxMine}`,
      headers: { cookie },
      payload: { status: 'closed' },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json().fields[0].field).toBe('status');
  });

  it('a city moves a mine to direct city supervision', async () => {
    const created = (await post(validMine(10))).json();
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/mines/${created.id}`,
      headers: { cookie: await ctx.login('xz-city') },
      payload: { supervisorOrgId: xinzhou },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().supervisorName).toBe('忻州市应急管理局');
    // The county no longer sees it: a city-supervised mine is the city's.
    const again = await ctx.app.inject({
      method: 'GET',
      url: `/api/mines/${created.id}`,
      headers: { cookie: county },
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('deactivate / reactivate', () => {
  it('hides a mine from the default list, keeps it, and 409s a repeat', async () => {
    const created = (await post(validMine(11))).json();
    const off = await ctx.app.inject({
      method: 'POST',
      url: `/api/mines/${created.id}/deactivate`,
      headers: { cookie: county },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/mines/${created.id}/deactivate`,
      headers: { cookie: county },
    });
    expect(again.statusCode).toBe(409);
    const list = await ctx.app.inject({
      method: 'GET',
      url: `/api/mines/count?q=${encodeURIComponent('新建11号')}`,
      headers: { cookie: county },
    });
    expect(list.json().total).toBe(0);
    const inactive = await ctx.app.inject({
      method: 'GET',
      url: `/api/mines/count?active=false&q=${encodeURIComponent('新建11号')}`,
      headers: { cookie: county },
    });
    expect(inactive.json().total).toBe(1);
    const on = await ctx.app.inject({
      method: 'POST',
      url: `/api/mines/${created.id}/reactivate`,
      headers: { cookie: county },
    });
    expect(on.json().active).toBe(true);
  });
});

describe('GET /api/mines', () => {
  it('400 for a bad filter value, naming it', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?category=gold',
      headers: { cookie: county },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('category');
  });

  it('400 for a forged cursor', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?cursor=abc',
      headers: { cookie: county },
    });
    expect(res.statusCode).toBe(400);
  });

  it('searches Chinese substrings of the name and the code', async () => {
    const cookie = await ctx.login('xz-city');
    const byName = await ctx.app.inject({
      method: 'GET',
      url: `/api/mines?q=${encodeURIComponent('东山')}`,
      headers: { cookie },
    });
    expect(byName.json().items.length).toBeGreaterThan(1);
    for (const m of byName.json().items) expect(m.name).toContain('东山');
    const one = byName.json().items[0];
    const byCode = await ctx.app.inject({
      method: 'GET',
      url: `/api/mines?q=${one.uscc.slice(4, 14).toLowerCase()}`,
      headers: { cookie },
    });
    expect(byCode.json().items.map((m: { id: string }) => m.id)).toContain(one.id);
  });

  it('filters by region, category and type', async () => {
    const cookie = await ctx.login('xz-city');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?regionCode=140981&category=coal&limit=200',
      headers: { cookie },
    });
    expect(res.json().items.length).toBeGreaterThan(0);
    for (const m of res.json().items) {
      expect(m.regionCode).toBe('140981');
      expect(m.category).toBe('coal');
    }
  });

  it('walks every page by keyset without repeats or gaps, in both directions', async () => {
    const cookie = await ctx.login('xz-city');
    for (const sort of ['name', '-name', 'regionCode', '-updatedAt']) {
      const all = await ctx.app.inject({
        method: 'GET',
        url: `/api/mines?limit=200&sort=${sort}`,
        headers: { cookie },
      });
      const expected = all.json().items.map((m: { id: string }) => m.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/mines?limit=7&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await ctx.app.inject({ method: 'GET', url, headers: { cookie } })).json();
        seen.push(...page.items.map((m: { id: string }) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(expected);
      const counted = await ctx.app.inject({ method: 'GET', url: '/api/mines/count', headers: { cookie } });
      expect(seen.length).toBe(counted.json().total);
    }
  });
});
