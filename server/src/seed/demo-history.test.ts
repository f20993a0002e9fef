import { shanghaiDate } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing';

/**
 * A demo first started long after the 2024 campaign (here on 2026-12-06) reads as a year of real
 * work: the campaign's record, the last twelve months of hazards, and work due this month.
 */
const NOW = '2026-12-06T02:00:00.000Z';
let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({ now: NOW });
  for (const u of ['sx-officer', 'dx-county', 'dx-mine']) cookies[u] = await ctx.login(u);
}, 120_000);
afterAll(() => ctx.close());

const get = async (url: string, user: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const campaignTitled = async (prefix: string) => {
  const { items } = await get('/api/campaigns', 'sx-officer');
  const found = (items as { id: string; title: string }[]).find((c) => c.title.startsWith(prefix));
  if (!found) throw new Error(`no campaign titled ${prefix}…`);
  return found.id;
};

describe('the demo on a day after 2024', () => {
  it('has major hazards found and closed in the months of the dashboard’s last year', async () => {
    const dashboard = await get('/api/hazards/dashboard?months=12', 'sx-officer');
    const months = dashboard.months as { month: string; found: number; closed: number }[];
    expect(months).toHaveLength(12);
    expect(months.at(-1)?.month).toBe('2026-12');
    expect(months.filter((m) => m.found > 0).length).toBeGreaterThanOrEqual(6);
    expect(months.filter((m) => m.closed > 0).length).toBeGreaterThanOrEqual(4);
    expect(dashboard.overdueMajor).toBeGreaterThan(0);
    expect(dashboard.openMajor).toBeGreaterThan(dashboard.overdueMajor);
  });

  it('gives 代县’s demo mine a duty due this month, and the county a report to review', async () => {
    const own = (await get('/api/obligations?scope=mine', 'dx-mine')).items as {
      dueAt: string;
      state: string;
    }[];
    const thisMonth = own.filter((o) => shanghaiDate(new Date(o.dueAt)).startsWith('2026-12'));
    expect(thisMonth.map((o) => o.state)).toContain('pending');
    const review = (await get('/api/obligations?scope=review', 'dx-county')).items as { dueAt: string }[];
    expect(review.some((o) => shanghaiDate(new Date(o.dueAt)).startsWith('2026-12'))).toBe(true);
  });

  it('shows the 2024 campaign as a record: mostly done, some late, some missing', async () => {
    const id = await campaignTitled('2024年');
    const regions = (await get(`/api/campaigns/${id}/board/regions`, 'sx-officer')).items as {
      due: number;
      done: number;
    }[];
    const due = regions.reduce((n, r) => n + r.due, 0);
    const done = regions.reduce((n, r) => n + r.done, 0);
    expect(done / due).toBeGreaterThan(0.6);
    expect(done / due).toBeLessThan(0.95);
    const board = (await get(`/api/campaigns/${id}/board`, 'sx-officer')).rows as {
      orgKind: string;
      counts: { late: number; overdue: number; accepted: number };
    }[];
    const mines = board.filter((r) => r.orgKind === 'mine');
    expect(mines.reduce((n, r) => n + r.counts.late, 0)).toBeGreaterThan(0);
    expect(mines.reduce((n, r) => n + r.counts.overdue, 0)).toBeGreaterThan(0);
    expect(mines.reduce((n, r) => n + r.counts.accepted, 0)).toBeGreaterThan(
      mines.reduce((n, r) => n + r.counts.overdue, 0),
    );
  });

  it('holds an obligation returned (退回) with a reason, submitted again and accepted', async () => {
    const events = await ctx.db
      .selectFrom('workflow_events')
      .select(['record_id', 'action', 'evidence'])
      .where('record_kind', '=', 'obligation')
      .orderBy('at')
      .orderBy('id')
      .execute();
    const byRecord = new Map<string, string[]>();
    for (const e of events) byRecord.set(e.record_id, [...(byRecord.get(e.record_id) ?? []), e.action]);
    const returned = [...byRecord.entries()].filter(
      ([, actions]) => actions.join() === 'submit,return,submit,accept',
    );
    expect(returned.length).toBeGreaterThan(0);
    const reason = events.find((e) => e.record_id === returned[0]![0] && e.action === 'return');
    expect(JSON.parse(reason!.evidence).comment).toMatch(/请/);
  });
});
