import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_HEADER_ROW } from '../../lib/excel';
import { createTestContext, type TestContext } from '../../testing';
import { SAMPLE_EVIDENCE } from './hazard.fixtures';

/** 隐患台账: template, import with per-row errors and a receipt, export of a filtered list, round trip. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-county', 'dx-mine', 'grp-a']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}
const download = async (url: string, user: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: c[user]! } });
  return { res, workbook: res.statusCode === 200 ? await readXlsx(res.rawPayload) : null };
};

async function upload(content: Buffer, user: string, fileName = '台账.xlsx') {
  const boundary = '----tiegui';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/hazards/import',
    headers: { cookie: c[user]!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

async function filled(rows: unknown[][], user = 'dx-county') {
  const { workbook } = await download('/api/hazards/import-template', user);
  const sheet = workbook!.getWorksheet('隐患台账')!;
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook!.xlsx.writeBuffer());
}

// 矿山, 等级, 类别编码, 情形编码, 内容, 地点, 排查时间, 排查人员, 来源, 停产情况
const ROWS = [
  [
    '代县示例东山煤矿',
    '重大',
    'C09',
    'C09-3',
    '台账导入：未按规定探放水',
    '3102工作面',
    '2024-07-15',
    '刘县局',
    '监管执法检查',
    '未停产',
  ],
  [
    '代县示例东山煤矿',
    '一般',
    '',
    '',
    '台账导入：电缆吊挂不规范',
    '主运输巷',
    '2024-07-16',
    '刘县局',
    '监管执法检查',
    '',
  ],
  [
    '代县示例东山煤矿',
    '很大',
    '',
    '',
    '台账导入：等级写错',
    '主运输巷',
    '2024-07-16',
    '刘县局',
    '监管执法检查',
    '',
  ],
  [
    '原平市示例东山煤矿',
    '一般',
    '',
    '',
    '台账导入：外县矿山',
    '地面',
    '2024-07-16',
    '刘县局',
    '监管执法检查',
    '',
  ],
  [
    '代县示例东山煤矿',
    '重大',
    '',
    '',
    '台账导入：重大隐患无类别',
    '井下',
    '2024-07-16',
    '刘县局',
    '监管执法检查',
    '',
  ],
];

describe('hazard ledger import', () => {
  it('401 without a session, 403 for a read-only group officer, 400 for a file that is not xlsx', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/hazards/import' })).statusCode).toBe(401);
    expect((await upload(Buffer.from('x'), 'grp-a')).statusCode).toBe(403);
    const bad = await upload(Buffer.from('not excel'), 'dx-county', 'a.csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('file');
  });

  it('imports the valid rows and explains each failed row in a receipt', async () => {
    const res = await upload(await filled(ROWS), 'dx-county');
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ total: 5, imported: 2, failed: 3 });
    expect(result.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6]);
    expect(result.errors[0].message).toContain('隐患等级');
    expect(result.errors[1].message).toContain('不在本单位监管范围内');
    expect(result.errors[2].message).toContain('隐患类别');
    const { workbook } = await download(`/api/hazards/import-receipts/${result.receiptId}`, 'dx-county');
    const sheet = workbook!.worksheets[0]!;
    expect(sheet.getRow(1).getCell(11).value).toBe('错误原因');
    expect(sheet.getRow(2).getCell(5).value).toBe('台账导入：等级写错');
    expect(
      (await download(`/api/hazards/import-receipts/${result.receiptId}`, 'dx-mine')).res.statusCode,
    ).toBe(404);
  });

  it('a mine imports its own ledger without naming itself', async () => {
    const rows = [['', '一般', '', '', '台账导入：本矿自查', '井口', '2024-07-20', '孙安全', '企业自查', '']];
    const res = await upload(await filled(rows, 'dx-mine'), 'dx-mine');
    expect(res.json()).toMatchObject({ imported: 1, failed: 0 });
  });
});

describe('GET /api/hazards/export', () => {
  it('exports the filtered list with the ledger columns, and re-importing it finds every row a duplicate', async () => {
    const list = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/hazards?q=${encodeURIComponent('台账导入')}&level=major`,
        headers: { cookie: c['dx-county']! },
      })
    ).json();
    const id = list.items[0].id;
    await ctx.app.inject({
      method: 'POST',
      url: `/api/hazards/${id}/actions/plan`,
      headers: { cookie: c['dx-mine']! },
      payload: SAMPLE_EVIDENCE.plan([]),
    });
    const { res, workbook } = await download(
      `/api/hazards/export?q=${encodeURIComponent('台账导入')}`,
      'dx-county',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('hazards.xlsx');
    const sheet = workbook!.getWorksheet('隐患台账')!;
    expect(sheet.getCell(1, 1).value).toBe('隐患台账');
    expect(String(sheet.getCell(2, 1).value)).toMatch(
      /^筛选：搜索 “台账导入”；导出时间 [-\d]{10} [:\d]{5}（北京时间）；导出单位 代县应急管理局$/,
    );
    const header = (sheet.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '矿山',
      '隐患等级',
      '隐患类别编码',
      '隐患类别名称',
      '具体情形编码',
      '具体情形',
      '隐患内容',
      '隐患地点和部位',
      '排查时间',
      '排查人员',
      '隐患来源',
      '停产情况',
      '发现单位',
      '整改责任单位',
      '整改责任人',
      '整改时限',
      '整改措施',
      '整改资金（元）',
      '状态',
      '是否逾期',
      '挂牌督办',
      '销号时间',
    ]);
    expect(sheet.actualRowCount).toBe(LEDGER_HEADER_ROW + 3);
    // newest first: 07-20, 07-16, 07-15; the 序号, then the codes each followed by its name
    const [number, mine, level, category, categoryName, item, itemText, ...rest] = (
      sheet.getRow(LEDGER_HEADER_ROW + 3).values as unknown[]
    ).slice(1);
    expect(number).toBe(3);
    expect([categoryName, itemText]).toEqual([expect.stringContaining('水'), expect.stringMatching(/.{6,}/)]);
    const major = [mine, level, category, item, ...rest];
    expect(major.slice(0, 9)).toEqual([
      '代县示例东山煤矿',
      '重大',
      'C09',
      'C09-3',
      '台账导入：未按规定探放水',
      '3102工作面',
      '2024-07-15',
      '刘县局',
      '监管执法检查',
    ]);
    expect(major.slice(11, 17)).toEqual([
      '地测防治水科',
      '周矿长',
      '2024-08-31',
      '补打探放水钻孔，停止受威胁区域作业',
      12345.67,
      '已制定治理方案',
    ]);
    const again = (await upload(res.rawPayload, 'dx-county', '隐患台账.xlsx')).json();
    expect(again).toMatchObject({ total: 3, imported: 0, failed: 3 });
    expect(again.errors[0].message).toContain('重复');
    // The rows as the exported sheet numbers them, below its title, filter line and header.
    expect(again.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6]);
  });

  it('titles a one-level export by its level and says its filter in words', async () => {
    const { workbook } = await download(
      `/api/hazards/export?level=major&open=true&source=inspection&regionCode=140923&categoryCode=C09`,
      'dx-county',
    );
    const sheet = workbook!.getWorksheet('隐患台账')!;
    expect(sheet.getCell(1, 1).value).toBe('重大事故隐患台账');
    const origin = String(sheet.getCell(2, 1).value);
    expect(origin).toMatch(
      /^筛选：行政区划 代县；隐患类别 C09 \S+；隐患等级 重大事故隐患；是否销号 未销号；隐患来源 监管执法检查；导出时间 /,
    );
    expect(origin).not.toMatch(/[a-z]{3}/);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  });

  it('a mine exports only its own', async () => {
    c['yp-mine'] = await ctx.login('yp-mine');
    for (const [user, name] of [
      ['dx-mine', '代县示例东山煤矿'],
      ['yp-mine', '原平市示例东山煤矿'],
    ] as const) {
      const { workbook } = await download('/api/hazards/export', user);
      const sheet = workbook!.getWorksheet('隐患台账')!;
      const mines = new Set<unknown>();
      sheet.eachRow((row, n) => {
        if (n > LEDGER_HEADER_ROW) mines.add(row.getCell(2).value);
      });
      expect(
        [...mines].every((m) => m === name),
        user,
      ).toBe(true);
    }
  });
});
