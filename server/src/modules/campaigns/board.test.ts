import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_HEADER_ROW } from '../../lib/excel';
import { createTestContext, type TestContext } from '../../testing';

let ctx: TestContext;
let campaignId: string;

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

type Row = { dutyKey: string; orgKind: string; counts: Record<string, number> };
const rowOf = (board: { rows: Row[] }, dutyKey: string, orgKind: string) =>
  board.rows.find((r) => r.dutyKey === dutyKey && r.orgKind === orgKind);

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-10-10T02:00:00.000Z');
  const officer = await ctx.login('sx-officer');
  campaignId = (await call('GET', '/api/campaigns', officer)).json().items[0].id;
});
afterAll(() => ctx.close());

describe('the progress board', () => {
  it('401 without a session; 404 for a campaign out of reach', async () => {
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/board` })).statusCode,
    ).toBe(401);
    const admin = await ctx.login('sx-admin');
    expect((await call('GET', `/api/campaigns/${campaignId}/board`, admin)).statusCode).toBe(403);
    const officer = await ctx.login('sx-officer');
    expect((await call('GET', '/api/campaigns/nope/board', officer)).statusCode).toBe(404);
  });

  it('400 for an unknown status in the click-through', async () => {
    const officer = await ctx.login('sx-officer');
    const res = await call(
      'GET',
      `/api/campaigns/${campaignId}/board/orgs?dutyKey=x&orgKind=mine&status=lost`,
      officer,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('status');
  });

  it('counts add up: pending + submitted + accepted + returned = total', async () => {
    const board = (
      await call('GET', `/api/campaigns/${campaignId}/board`, await ctx.login('sx-officer'))
    ).json();
    for (const r of board.rows as Row[]) {
      const c = r.counts;
      expect(c.pending! + c.submitted! + c.accepted! + c.returned!, r.dutyKey).toBe(c.total);
    }
    const selfcheck = rowOf(board, 't3-principal-selfcheck', 'mine')!;
    expect(selfcheck.counts.total).toBe(60);
    expect(selfcheck.counts.late).toBeGreaterThan(0);
    expect(selfcheck.counts.overdue).toBe(selfcheck.counts.pending);
  });

  it('a city sees its mines; the province sees the same figures for 忻州 whichever way it looks', async () => {
    const city = (await call('GET', `/api/campaigns/${campaignId}/board`, await ctx.login('xz-city'))).json();
    const province = (
      await call('GET', `/api/campaigns/${campaignId}/board`, await ctx.login('sx-officer'))
    ).json();
    // All demo mines are in 忻州, so the mine rows agree between city and province.
    for (const duty of ['t3-principal-selfcheck', 't6-concealed-face-report', 't1-mine-monthly-review']) {
      expect(rowOf(city, duty, 'mine')?.counts, duty).toEqual(rowOf(province, duty, 'mine')?.counts);
    }
    // The city does not see the other cities' bureaus.
    expect(rowOf(city, 'r4-summary', 'city')?.counts.total).toBe(1);
    expect(rowOf(province, 'r4-summary', 'city')?.counts.total).toBe(11);
    const county = (
      await call('GET', `/api/campaigns/${campaignId}/board`, await ctx.login('dx-county'))
    ).json();
    expect(rowOf(county, 't3-principal-selfcheck', 'mine')?.counts.total).toBe(4);
  });

  it('the orgs behind each number are exactly that many', async () => {
    const cookie = await ctx.login('xz-city');
    const board = (await call('GET', `/api/campaigns/${campaignId}/board`, cookie)).json();
    const row = rowOf(board, 't3-principal-selfcheck', 'mine')!;
    for (const status of ['pending', 'submitted', 'accepted', 'returned', 'overdue', 'late']) {
      const res = await call(
        'GET',
        `/api/campaigns/${campaignId}/board/orgs?dutyKey=t3-principal-selfcheck&orgKind=mine&status=${status}`,
        cookie,
      );
      expect(res.json().items.length, status).toBe(row.counts[status]);
    }
  });

  it('ranks regions by completion (lowest first, then most overdue) and drills down by region', async () => {
    const officer = await ctx.login('sx-officer');
    const regions = (url: string, cookie = officer) => call('GET', url, cookie).then((r) => r.json());
    const base = `/api/campaigns/${campaignId}/board/regions`;
    const cities = await regions(base);
    expect(cities.regionCode).toBeNull();
    expect(cities.items.map((r: { name: string }) => r.name)).toContain('忻州市');
    const counties = await regions(`${base}?regionCode=140900`);
    expect(counties.regionCode).toBe('140900');
    const daixian = counties.items.find((r: { code: string }) => r.code === '140923');
    expect(daixian.name).toBe('代县');
    const order = counties.items.map((r: { rate: number; overdue: number }) => [r.rate, -r.overdue]);
    expect(order).toEqual([...order].sort((a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]!));
    // Only the regions below: the city's own bureau is not a county.
    for (const r of counties.items) expect(r.code).toMatch(/^1409(?!00)\d\d$/);
    // A city's own board ranks its counties with the same figures; a county has no region below.
    expect((await regions(base, await ctx.login('xz-city'))).items).toEqual(counties.items);
    expect((await regions(base, await ctx.login('dx-county'))).items).toEqual([]);
    expect((await call('GET', `${base}?regionCode=abc`, officer)).statusCode).toBe(400);
  });

  it('exports the board to Excel', async () => {
    const res = await call('GET', `/api/campaigns/${campaignId}/board.xlsx`, await ctx.login('xz-city'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const sheet = workbook.getWorksheet('进度看板')!;
    expect(String(sheet.getCell(1, 1).value)).toMatch(/进度看板$/);
    expect(String(sheet.getCell(2, 1).value)).toMatch(
      /^筛选：全部；导出时间 .+（北京时间）；导出单位 忻州市应急管理局$/,
    );
    expect(sheet.getCell(LEDGER_HEADER_ROW, 1).value).toBe('序号');
    expect(sheet.getCell(LEDGER_HEADER_ROW + 1, 1).value).toBe(1);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:3' });
  });

  it('batch 催办 notifies every overdue org of a duty in scope, and only them', async () => {
    const county = await ctx.login('dx-county');
    const before = (await call('GET', '/api/notifications', await ctx.login('dx-mine'))).json().unread;
    const res = await call('POST', `/api/campaigns/${campaignId}/urge`, county, {
      dutyKey: 't3-principal-selfcheck',
    });
    expect(res.statusCode).toBe(200);
    const orgs = await call(
      'GET',
      `/api/campaigns/${campaignId}/board/orgs?dutyKey=t3-principal-selfcheck&orgKind=mine&status=overdue`,
      county,
    );
    expect(res.json().orgs).toBe(orgs.json().items.length);
    const after = (await call('GET', '/api/notifications', await ctx.login('dx-mine'))).json();
    expect(after.unread).toBe(before + 1);
    expect(after.items[0].title).toContain('催办');
    const mine = await ctx.login('dx-mine');
    expect(
      (await call('POST', `/api/campaigns/${campaignId}/urge`, mine, { dutyKey: 't3-principal-selfcheck' }))
        .statusCode,
    ).toBe(403);
  });
});
