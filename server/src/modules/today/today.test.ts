import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

/** 今日工作: what waits for each demo account, within its scope. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['sx-officer', 'xz-city', 'dx-county', 'dx-mine', 'yp-mine', 'grp-a', 'sx-admin'])
    c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const get = (url: string, user?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: user ? { cookie: c[user]! } : {} });
const today = async (user: string) => {
  const res = await get('/api/today', user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type Item = { id: string };
const ids = (items: Item[]) => items.map((i) => i.id);

describe('GET /api/today', () => {
  it('401 without a session; 403 for an administrator (the 三员 land on their own pages)', async () => {
    expect((await get('/api/today')).statusCode).toBe(401);
    expect((await get('/api/today', 'sx-admin')).statusCode).toBe(403);
  });

  it('a mine: hazards waiting for its step, the supervision report due, the notice to sign', async () => {
    const t = await today('dx-mine');
    expect(t.hazards.length).toBeGreaterThan(0);
    for (const h of t.hazards) expect(h.actions.length).toBeGreaterThan(0);
    expect(t.hazards.flatMap((h: { actions: string[] }) => h.actions)).toContain('declareRectified');
    // A progress report is an optional step: it alone puts nothing on the list.
    expect(t.hazards.flatMap((h: { actions: string[] }) => h.actions)).not.toContain('reportProgress');
    expect(t.supervisions).toEqual([
      expect.objectContaining({
        orgName: '代县应急管理局',
        reportOverdue: true,
        mineName: '代县示例东山煤矿',
      }),
    ]);
    expect(t.notices.map((n: { need: string }) => n.need)).toEqual(['sign']);
    expect(t.reviews).toEqual([]);
    expect(t.behind).toEqual([]);
    expect(t.mineDuties).toBeNull();
  });

  it('a regulator: the resume application to answer and the reviews waiting', async () => {
    const t = await today('xz-city');
    const resume = t.hazards.find((h: { state: string }) => h.state === 'resume_applied');
    expect(resume.actions).toEqual(['approveResume', 'refuseResume']);
    expect(t.reviews.length).toBeGreaterThan(0);
    const review = (await get('/api/obligations?scope=review', 'xz-city')).json().items;
    expect(ids(t.reviews).sort()).toEqual(ids(review).sort());
  });

  it('a group: its mines’ duties, which its own list (我的矿山) holds', async () => {
    const t = await today('grp-a');
    const listed = (await get('/api/obligations?scope=mines', 'grp-a')).json().items;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((o: { orgKind: string }) => o.orgKind === 'mine')).toBe(true);
    const open = listed.filter((o: { state: string }) => o.state === 'pending' || o.state === 'returned');
    expect(t.mineDuties).toEqual({ open: open.length, overdue: 0 });
    // The list is a group's view: a regulator follows its mines on the board.
    expect((await get('/api/obligations?scope=mines', 'xz-city')).json().items).toEqual([]);
  });

  it('nothing from outside the actor’s scope', async () => {
    const yp = await today('yp-mine');
    const dx = await today('dx-mine');
    for (const id of ids(dx.hazards)) expect(ids(yp.hazards)).not.toContain(id);
    for (const user of ['yp-mine', 'dx-county']) {
      const t = await today(user);
      for (const h of t.hazards) expect((await get(`/api/hazards/${h.id}`, user)).statusCode).toBe(200);
      for (const s of t.supervisions)
        expect((await get(`/api/hazards/${s.hazardId}`, user)).statusCode).toBe(200);
      for (const n of t.notices) expect((await get(`/api/notices/${n.id}`, user)).statusCode).toBe(200);
    }
    for (const h of dx.hazards) expect((await get(`/api/hazards/${h.id}`, 'yp-mine')).statusCode).toBe(404);
  });

  it('duties overdue or due within 7 days, with the days left; regulators see the regions behind', async () => {
    ctx.clock.set('2024-10-10T02:00:00.000Z');
    // Sessions idle out across the jump of the clock.
    for (const u of ['sx-officer', 'dx-county', 'dx-mine']) c[u] = await ctx.login(u);
    const t = await today('dx-mine');
    expect(t.duties.length).toBeGreaterThan(0);
    expect(t.dutiesOpen).toBeGreaterThanOrEqual(t.duties.length);
    for (const d of t.duties) expect(d.daysLeft).toBeLessThanOrEqual(7);
    const mine = (await get('/api/obligations?scope=mine&overdue=true', 'dx-mine')).json().items;
    expect(
      t.duties
        .filter((d: { daysLeft: number }) => d.daysLeft < 0)
        .map((d: Item) => d.id)
        .sort(),
    ).toEqual(ids(mine).sort());
    const province = await today('sx-officer');
    expect(province.behind.length).toBeGreaterThan(0);
    const rates = province.behind.map((r: { rate: number }) => r.rate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    for (const r of province.behind) expect(r.overdue).toBeGreaterThan(0);
    // A county has no region below it to rank.
    expect((await today('dx-county')).behind).toEqual([]);
  });
});
