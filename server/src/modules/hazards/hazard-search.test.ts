import { normalizeSearchText, searchQuery } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchPlan } from '../../db/dialect';
import { createTestContext, type TestContext } from '../../testing';
import { GENERAL } from './hazard.fixtures';
import { applyHazardFilter } from './hazard.repository';

/**
 * 全文检索 in GET /api/hazards: a query finds exactly the hazards whose description or location
 * contains it (case, width and whitespace aside), registered or imported, in scope only; the
 * same on SQLite and PostgreSQL, whichever way a query meets the index.
 */
let ctx: TestContext;
const c: Record<string, string> = {};

/** 900 digits: PostgreSQL holds a long text in overlapping parts, and a query may fall anywhere in it. */
const LONG = Array.from({ length: 300 }, (_, i) => String(i).padStart(3, '0')).join('');
const REGISTERED = [
  { description: LONG, location: '井下' },
  // One pair of characters 300 times: more positions than PostgreSQL keeps of one token.
  { description: `${'—'.repeat(300)}顶板离层`, location: '回采工作面' },
  { description: '回风巷瓦斯超限后未停止作业', location: '井下1201回风巷' },
  { description: 'ＡＢＣ型局部通风机 未挂牌管理', location: '２号联络巷' },
  { description: '水泵房积水未及时排出', location: '中央水泵房' },
  { description: 'Cable吊挂不规范', location: '主运输巷' },
  { description: '顶板离层仪缺失', location: '3号' },
];
const IMPORTED = [
  { description: '导入：瓦斯抽采管路漏气', location: '地面抽采泵站' },
  { description: '导入：皮带机保护失效', location: '主斜井' },
];

const QUERIES = [
  '瓦斯',
  '瓦',
  '斯超限',
  '水',
  '号',
  '水泵房',
  'abc',
  'ＡＢＣ',
  'abc型局部',
  '通风机未挂牌',
  '未 挂 牌',
  '2号联络',
  '２号',
  'cable',
  'CABLE吊挂',
  '缺失3号', // description's end and location's start: never
  '排出中央',
  '导入',
  '抽采',
  '泵站',
  '不存在的字词',
  '——顶板',
  '—顶',
  '—',
  ...[0, 180, 200, 230, 250, 400, 600, 850].map((at) => LONG.slice(at, at + 50)),
  LONG.slice(-3),
];

async function upload(rows: unknown[][], user: string) {
  const template = await ctx.app.inject({
    method: 'GET',
    url: '/api/hazards/import-template',
    headers: { cookie: c[user]! },
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('隐患台账')!;
  for (const r of rows) sheet.addRow(r);
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const boundary = '----tiegui';
  return ctx.app.inject({
    method: 'POST',
    url: '/api/hazards/import',
    headers: { cookie: c[user]!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="台账.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-mine', 'dx-county', 'yp-mine', 'sx-officer']) c[u] = await ctx.login(u);
  for (const text of REGISTERED) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: c['dx-mine']! },
      payload: { ...GENERAL, ...text, photos: [], files: [], productionStop: 'none' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const imported = await upload(
    IMPORTED.map((t) => [
      '代县示例东山煤矿',
      '一般',
      '',
      '',
      t.description,
      t.location,
      '2024-07-16',
      '刘县局',
      '监管执法检查',
      '',
    ]),
    'dx-county',
  );
  expect(imported.json()).toMatchObject({ imported: IMPORTED.length });
});
afterAll(() => ctx.close());

interface Item {
  id: string;
  description: string;
  location: string;
}

/** Every hazard the user finds for a query, walking the pages, with the count of the same filter. */
async function search(user: string, q: string | null) {
  const items: Item[] = [];
  let cursor: string | null = null;
  const counted = await ctx.app.inject({
    method: 'GET',
    url: `/api/hazards/count${q === null ? '' : `?q=${encodeURIComponent(q)}`}`,
    headers: { cookie: c[user]! },
  });
  expect(counted.statusCode, counted.body).toBe(200);
  const { total } = counted.json() as { total: number; capped: boolean };
  do {
    const params = new URLSearchParams({ limit: '3' });
    if (q !== null) params.set('q', q);
    if (cursor) params.set('cursor', cursor);
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/hazards?${params}`,
      headers: { cookie: c[user]! },
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Item[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { ids: items.map((h) => h.id), items, total };
}

/** What a search promises: the hazards whose description or location contains the query, normalised. */
const containing = (items: readonly Item[], q: string) =>
  items
    .filter((h) =>
      [h.description, h.location].some((t) => normalizeSearchText(t).includes(normalizeSearchText(q))),
    )
    .map((h) => h.id);

describe('GET /api/hazards?q=', () => {
  it('400 for a query too long, typed or once compatibility forms are spelled out, naming it', async () => {
    for (const q of ['瓦'.repeat(51), '㍿'.repeat(13)]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/hazards?q=${encodeURIComponent(q)}`,
        headers: { cookie: c['dx-county']! },
      });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().fields[0].field).toBe('q');
    }
  });

  it('finds exactly the hazards containing the query, registered and imported, in the user’s scope', async () => {
    for (const user of ['dx-county', 'yp-mine', 'sx-officer']) {
      const all = (await search(user, null)).items;
      expect(all.length, user).toBeGreaterThan(0);
      for (const q of QUERIES) {
        const found = await search(user, q);
        const expected = containing(all, q);
        expect(new Set(found.ids), `${user}: ${q}`).toEqual(new Set(expected));
        expect(found.ids, `${user}: ${q}`).toHaveLength(expected.length);
        expect(found.total, `${user}: ${q}`).toBe(expected.length);
      }
    }
    // The words of the test are found at all: the comparison above is not between two empty lists.
    const counties = await search('dx-county', '瓦斯');
    expect(counties.items.map((h) => h.description)).toEqual(
      expect.arrayContaining(['回风巷瓦斯超限后未停止作业', '导入：瓦斯抽采管路漏气']),
    );
    expect((await search('yp-mine', '回风巷瓦斯超限后')).items.map((h) => h.location)).toEqual([
      '井下1201回风巷',
    ]);
    expect((await search('dx-county', '导入')).total).toBe(IMPORTED.length);
    expect((await search('dx-county', '缺失3号')).total).toBe(0);
  });

  it('blank after trimming is no filter', async () => {
    const all = await search('dx-county', null);
    expect((await search('dx-county', ' \u3000 ')).ids).toEqual(all.ids);
  });
});

describe('every way a query meets the index', () => {
  it('find the same hazards as the substring rule', async () => {
    const all = await ctx.db.selectFrom('hazards').select(['id', 'description', 'location']).execute();
    const nowIso = ctx.clock.now().toISOString();
    for (const plan of ['fromIndex', 'walkSet', 'walkProbe', 'everyMatch'] as SearchPlan[]) {
      for (const q of QUERIES) {
        const query = searchQuery(q);
        if (query.kind !== 'prefix' && query.kind !== 'phrase') throw new Error(q);
        const rows = await applyHazardFilter(
          ctx.db,
          ctx.db.selectFrom('hazards as h').select('h.id').orderBy('h.found_on', 'desc'),
          {},
          nowIso,
          { query, plan },
        ).execute();
        expect(new Set(rows.map((r) => r.id)), `${plan}: ${q}`).toEqual(new Set(containing(all, q)));
        expect(rows, `${plan}: ${q}`).toHaveLength(containing(all, q).length);
      }
    }
  });
});
