import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

/** 全局搜索: within the actor's scope, only the kinds it may list. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-county', 'dx-mine', 'xz-city', 'sx-admin']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const search = (q: string, user?: string) =>
  ctx.app.inject({
    method: 'GET',
    url: `/api/search?q=${encodeURIComponent(q)}`,
    headers: user ? { cookie: c[user]! } : {},
  });
const found = async (q: string, user: string) => {
  const res = await search(q, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type Named = { name: string };

describe('GET /api/search', () => {
  it('401 without a session', async () => {
    expect((await search('东山')).statusCode).toBe(401);
  });

  it('400 naming 搜索词 for a blank or too long query', async () => {
    for (const q of ['', '   ', '煤'.repeat(51)]) {
      const res = await search(q, 'dx-county');
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toEqual([expect.objectContaining({ field: 'q' })]);
      expect(res.json().message).toContain('搜索词');
    }
    const none = await ctx.app.inject({
      method: 'GET',
      url: '/api/search',
      headers: { cookie: c['dx-county']! },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('搜索词');
  });

  it('nothing out of scope: a county finds only its own mine by a name two counties share', async () => {
    const dx = await found('东山', 'dx-county');
    expect(dx.mines.map((m: Named) => m.name)).toEqual(['代县示例东山煤矿']);
    // An exact name from the next county finds nothing.
    expect((await found('原平市示例东山煤矿', 'dx-county')).mines).toEqual([]);
    const city = await found('东山', 'xz-city');
    expect(city.mines.map((m: Named) => m.name).sort()).toEqual(['代县示例东山煤矿', '原平市示例东山煤矿']);
    for (const h of (await found('示例', 'dx-mine')).hazards) expect(h.mineName).toBe('代县示例东山煤矿');
  });

  it('a kind the actor may not list is absent', async () => {
    expect(await found('东山', 'sx-admin')).toEqual({});
  });

  it('finds mines by credit code, hazards by text and number, notices by 文号; each opens', async () => {
    const [mine] = (await found('代县示例东山煤矿', 'dx-county')).mines;
    expect((await found(mine.uscc.slice(-10), 'dx-county')).mines.map((m: { id: string }) => m.id)).toContain(
      mine.id,
    );
    const { hazards } = await found('探放水', 'dx-county');
    expect(hazards.length).toBeGreaterThan(0);
    expect(hazards[0].description).toContain('探放水');
    const byNumber = await found(hazards[0].id.toLowerCase(), 'dx-county');
    expect(byNumber.hazards.map((h: { id: string }) => h.id)).toEqual([hazards[0].id]);
    const { notices } = await found('忻应急发', 'dx-county');
    expect(notices.map((n: { docNumber: string }) => n.docNumber)).toContain('忻应急发〔2024〕118号');
    const open = (url: string) =>
      ctx.app.inject({ method: 'GET', url, headers: { cookie: c['dx-county']! } });
    expect((await open(`/api/mines/${mine.id}`)).statusCode).toBe(200);
    expect((await open(`/api/hazards/${hazards[0].id}`)).statusCode).toBe(200);
    expect((await open(`/api/notices/${notices[0].id}`)).statusCode).toBe(200);
  });

  it('a LIKE wildcard is a plain character', async () => {
    const res = await found('%', 'xz-city');
    expect(res.mines).toEqual([]);
    expect(res.notices).toEqual([]);
  });
});
