import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

/** Campaign lifecycle on a demo whose 2024 campaign is still a draft. */
let ctx: TestContext;
let officer: string;
let campaignId: string;
let planId: string;

beforeAll(async () => {
  ctx = await createTestContext({ campaign: 'draft' });
  officer = await ctx.login('sx-officer');
  const list = await ctx.app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: officer } });
  campaignId = list.json().items[0].id;
  planId = list.json().items[0].planId;
});
afterAll(() => ctx.close());

const activate = (cookie: string, id = campaignId) =>
  ctx.app.inject({ method: 'POST', url: `/api/campaigns/${id}/activate`, headers: { cookie } });

describe('campaigns', () => {
  it('401 without a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401);
    expect((await activate('')).statusCode).toBe(401);
  });

  it('a draft is seen only by its issuers', async () => {
    const county = await ctx.login('dx-county');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: county } });
    expect(list.json().items).toEqual([]);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/campaigns/${campaignId}`,
          headers: { cookie: county },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('400 for a campaign without a title; 403 when a county tries to launch one', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: officer },
      payload: { planId },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('title');
    const county = await ctx.login('dx-county');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: county },
      payload: { planId, title: '县里的活动' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('409 for a second campaign from the same plan while one is open', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: officer },
      payload: { planId, title: '重复的活动' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().fields[0].field).toBe('planId');
  });

  it('activation generates every org its obligations, once', async () => {
    expect((await activate(await ctx.login('dx-county'))).statusCode).toBe(404);
    const res = await activate(officer);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('active');
    // 60 mines × (5 monthly reviews + 5 monthly investigations + 4 reports + 1 drill) and the regulators' duties.
    const mineObligations = await ctx.db
      .selectFrom('obligations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_kind', '=', 'mine')
      .executeTakeFirstOrThrow();
    expect(Number(mineObligations.n)).toBe(60 * 15);
    const again = await activate(officer);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已启动');
  });

  it('a county owes the Xinzhou summary by 2024-12-05 to the city; a non-Xinzhou county would not', async () => {
    const county = await ctx.login('dx-county');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/duties', headers: { cookie: county } });
    const summary = res.json().items.find((d: { dutyKey: string }) => d.dutyKey === 'xz-county-summary');
    expect(summary).toMatchObject({
      dueAt: '2024-12-05T15:59:59.000Z',
      recipients: [{ name: '忻州市应急管理局' }],
    });
    const counties = await ctx.db
      .selectFrom('obligations')
      .innerJoin('orgs', 'orgs.id', 'obligations.org_id')
      .select('orgs.region_code')
      .where('duty_key', '=', 'xz-county-summary')
      .execute();
    expect(counties).toHaveLength(14);
    for (const c of counties) expect(c.region_code?.startsWith('1409')).toBe(true);
  });

  it('the city and division summaries go to both issuers by 2024-12-10', async () => {
    const city = await ctx.login('xz-city');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/duties', headers: { cookie: city } });
    const summary = res.json().items.find((d: { dutyKey: string }) => d.dutyKey === 'r4-summary');
    expect(summary.dueAt).toBe('2024-12-10T15:59:59.000Z');
    expect(summary.recipients.map((r: { name: string }) => r.name).sort()).toEqual(
      ['国家矿山安全监察局山西局', '山西省应急管理厅'].sort(),
    );
  });

  it('a mine added later gets the obligations still ahead of it', async () => {
    ctx.clock.set('2024-10-15T02:00:00.000Z');
    const county = await ctx.login('dx-county');
    const daixian = (
      await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: county } })
    ).json().org.id;
    const { usccCheckChar } = await import('@tiegui/domain');
    const body = '91140923MA0LATE01';
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/mines',
      headers: { cookie: county },
      payload: {
        name: '代县示例新投产煤矿',
        uscc: body + usccCheckChar(body),
        category: 'coal',
        mineType: 'underground',
        status: 'producing',
        principalName: '新矿长',
        principalPhone: '13912340000',
        supervisorOrgId: daixian,
        regionCode: '140923',
      },
    });
    expect(created.statusCode).toBe(201);
    const rows = await ctx.db
      .selectFrom('obligations')
      .select(['duty_key', 'period_key'])
      .where('org_id', '=', created.json().id)
      .execute();
    // Only the months from October on, the half-year drill and the year-end survey; nothing due in September.
    expect(
      rows
        .filter((r) => r.duty_key === 't1-mine-monthly-review')
        .map((r) => r.period_key)
        .sort(),
    ).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(rows.some((r) => r.duty_key === 't3-principal-selfcheck')).toBe(false);
    expect(rows.some((r) => r.duty_key === 't7-mine-survey')).toBe(true);
  });

  it('closing stops submissions and freezes the board', async () => {
    officer = await ctx.login('sx-officer');
    const before = await ctx.app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/board`,
      headers: { cookie: officer },
    });
    ctx.clock.set('2025-01-05T02:00:00.000Z');
    officer = await ctx.login('sx-officer');
    const closed = await ctx.app.inject({
      method: 'POST',
      url: `/api/campaigns/${campaignId}/close`,
      headers: { cookie: officer },
    });
    expect(closed.json().state).toBe('closed');
    ctx.clock.set('2025-06-01T02:00:00.000Z');
    officer = await ctx.login('sx-officer');
    const after = await ctx.app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/board`,
      headers: { cookie: officer },
    });
    expect(after.json().frozenAt).not.toBeNull();
    const overdueOf = (b: { rows: { dutyKey: string; orgKind: string; counts: { overdue: number } }[] }) =>
      b.rows.find((r) => r.dutyKey === 't1-mine-monthly-review' && r.orgKind === 'mine')?.counts.overdue;
    // Frozen at closure: the December reviews (due 12-31) count as overdue, and nothing moves after.
    expect(overdueOf(after.json())).toBeGreaterThan(overdueOf(before.json()) ?? 0);
    ctx.clock.set('2025-07-01T02:00:00.000Z');
    officer = await ctx.login('sx-officer');
    const later = await ctx.app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/board`,
      headers: { cookie: officer },
    });
    expect(later.json()).toEqual(after.json());
    const mine = await ctx.login('dx-mine');
    const duties = (
      await ctx.app.inject({ method: 'GET', url: '/api/duties', headers: { cookie: mine } })
    ).json().items;
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/duties/${duties[0].id}/draft`,
      headers: { cookie: mine },
      payload: { values: {} },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已结束');
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/campaigns/${campaignId}/close`,
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(409);
  });
});
