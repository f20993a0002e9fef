import { usccCheckChar } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_HEADER_ROW } from '../../lib/excel';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';

let ctx: TestContext;
let county: string;
beforeAll(async () => {
  ctx = await createTestContext();
  county = await ctx.login('dx-county');
});
afterAll(() => ctx.close());

const uscc = (n: number) => {
  const body = `91140923MB${String(n).padStart(7, '0')}`;
  return body + usccCheckChar(body);
};
const badUscc = (n: number) => {
  const good = uscc(n);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
};

/** A row in template column order, as a user would fill it. */
const row = (name: string, code: string) => [
  name,
  code,
  '煤矿',
  '井工（地下）矿山',
  '生产',
  90,
  '低瓦斯',
  '中等',
  '无',
  'Ⅱ类 自燃',
  '钱矿长',
  '13912345678',
  '否',
  '代县应急管理局',
  '140923',
  '',
  '',
  '代县示例乡新村',
  112.95,
  39.06,
];

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}

async function download(url: string, cookie = county) {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  return { res, workbook: res.statusCode === 200 ? await readXlsx(res.rawPayload) : null };
}

/** The template filled with rows, as the user uploads it. */
async function filledTemplate(rows: unknown[][]): Promise<Buffer> {
  const { workbook } = await download('/api/mines/import-template');
  const sheet = workbook!.worksheets[0]!;
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook!.xlsx.writeBuffer());
}

function upload(content: Buffer, fileName: string, cookie: string | null = county) {
  const boundary = '----tiegui-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return ctx.app.inject({
    method: 'POST',
    url: '/api/mines/import',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(cookie ? { cookie } : {}) },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const sheetValues = (workbook: ExcelJS.Workbook) =>
  (workbook.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));

/** An export's header and rows, below its title and filter line and without its 序号 column. */
const ledgerValues = (workbook: ExcelJS.Workbook) =>
  (workbook.worksheets[0]!.getSheetValues() as unknown[][])
    .slice(LEDGER_HEADER_ROW)
    .filter(Boolean)
    .map((r) => r.slice(2));

describe('mine Excel routes: access', () => {
  it('401 without a cookie', async () => {
    for (const url of ['/api/mines/import-template', '/api/mines/export', '/api/mines/import-receipts/x']) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect((await upload(Buffer.from('x'), 'a.xlsx', null)).statusCode).toBe(401);
  });
});

describe('POST /api/mines/import', () => {
  it('400 for a file that is not an xlsx, naming the file', async () => {
    const text = await upload(Buffer.from('名称,统一社会信用代码\n'), '矿山清单.csv');
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toContain('矿山清单.csv');
    const renamed = await upload(Buffer.from('not a zip at all'), '改名的.xlsx');
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json()).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'file' }] });
    expect(renamed.json().message).toContain('改名的.xlsx');
  });

  it('400 for a request without a file', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/mines/import',
      headers: { cookie: county },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
  });

  it('400 for an empty sheet and for the template without rows', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    const res = await upload(Buffer.from(await empty.xlsx.writeBuffer()), 'empty.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('empty.xlsx');
    const blank = await upload(await filledTemplate([]), 'blank.xlsx');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toContain('没有矿山数据');
  });

  it('403 for a user without mine.import (mine staff) and for a division, which registers no mines', async () => {
    const file = await filledTemplate([row('代县示例禁止煤矿', uscc(1))]);
    const mine = await ctx.login('dx-mine');
    expect((await upload(file, 'a.xlsx', mine)).statusCode).toBe(403);
    expect((await download('/api/mines/import-template', mine)).res.statusCode).toBe(403);
    const division = await ctx.login('xz-division');
    expect((await upload(file, 'a.xlsx', division)).statusCode).toBe(403);
    expect((await download('/api/mines/import-template', division)).res.statusCode).toBe(403);
    const found = await ctx.db
      .selectFrom('mines')
      .select('org_id')
      .where('uscc', '=', uscc(1))
      .executeTakeFirst();
    expect(found).toBeUndefined();
  });
});

describe('GET /api/mines/import-template', () => {
  it('has the columns, dropdowns of labels and bureaus, a text region column and instructions', async () => {
    const { res, workbook } = await download('/api/mines/import-template');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('矿山基础信息导入模板.xlsx')}`,
    );
    const sheet = workbook!.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '名称',
      '统一社会信用代码',
      '矿山类别',
      '矿山类型',
      '生产状态',
      '设计生产能力(万吨/年)',
      '瓦斯等级',
      '水文地质类型',
      '冲击地压危险性',
      '煤层自燃倾向性',
      '矿长姓名',
      '矿长电话',
      '矿长兼任董事长(是/否)',
      '监管部门',
      '行政区划代码',
      '监察执法处',
      '上级公司',
      '地址',
      '经度',
      '纬度',
    ]);
    const lists = workbook!.getWorksheet('选项')!;
    const listOf = (address: string) => {
      const validation = sheet.getCell(address).dataValidation;
      expect(validation.type).toBe('list');
      const [, column, first, last] = /!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(
        String(validation.formulae[0]),
      )!;
      const values: unknown[] = [];
      for (let r = Number(first); r <= Number(last); r++) values.push(lists.getCell(`${column}${r}`).value);
      return values;
    };
    expect(listOf('C2')).toEqual(['煤矿', '金属非金属矿山']);
    expect(listOf('E500')).toContain('停产整顿');
    expect(listOf('M2')).toEqual(['是', '否']);
    expect(listOf('N2')).toEqual(['代县应急管理局']);
    expect(sheet.getColumn(15).numFmt).toBe('@');
    const guide = workbook!.getWorksheet('填写说明')!;
    expect(guide.getColumn(1).values).toContain('统一社会信用代码');
  });
});

describe('import, receipt and export', () => {
  let receiptId: string;

  it('imports the good rows and reports the bad one by row number and column', async () => {
    const file = await filledTemplate([
      row('代县示例导入一号煤矿', uscc(11)),
      row('代县示例导入二号煤矿', badUscc(12)),
      row('代县示例导入三号煤矿', uscc(13)),
    ]);
    const res = await upload(file, '代县矿山.xlsx');
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ total: 3, imported: 2, failed: 1 });
    expect(result.errors).toEqual([{ row: 3, message: expect.stringContaining('统一社会信用代码：') }]);
    expect(result.errors[0].message).toContain('校验位');
    receiptId = result.receiptId;
    expect(receiptId).toBeTruthy();

    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?q=代县示例导入',
      headers: { cookie: county },
    });
    expect(
      list
        .json()
        .items.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['代县示例导入一号煤矿', '代县示例导入三号煤矿']);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['changes', 'actor_username'])
      .where('action', '=', 'mine.imported')
      .executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('dx-county');
    expect(JSON.parse(audit.changes ?? '{}')).toMatchObject({ total: 3, imported: 2, failed: 1, receiptId });
  });

  it('reports duplicates within the file, existing codes and jurisdiction, and saves nothing for them', async () => {
    const file = await filledTemplate([
      row('代县示例重复甲煤矿', uscc(21)),
      row('代县示例重复乙煤矿', uscc(21)),
      row('代县示例已登记煤矿', uscc(11)),
      [...row('代县示例越权煤矿', uscc(22)).slice(0, 13), '原平市应急管理局', '140981'],
      [...row('代县示例类别煤矿', uscc(23)).slice(0, 2), '煤炭'],
    ]);
    const res = await upload(file, 'mixed.xlsx');
    expect(res.json()).toMatchObject({ total: 5, imported: 1, failed: 4 });
    const [dup, existing, outside, category] = res.json().errors;
    expect(dup).toEqual({ row: 3, message: '统一社会信用代码：与第2行重复' });
    expect(existing).toEqual({ row: 4, message: expect.stringContaining('已登记') });
    expect(outside).toEqual({ row: 5, message: expect.stringContaining('监管部门：') });
    expect(category.row).toBe(6);
    expect(category.message).toContain('矿山类别：“煤炭”不是可选值');
    expect(category.message).toContain('矿长姓名：');
  });

  it('the receipt has the failed row as uploaded with 错误原因', async () => {
    const { res, workbook } = await download(`/api/mines/import-receipts/${receiptId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const [header, ...rows] = sheetValues(workbook!);
    expect(header?.[0]).toBe('名称');
    expect(header?.at(-1)).toBe('错误原因');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe('代县示例导入二号煤矿');
    expect(rows[0]?.[1]).toBe(badUscc(12));
    expect(String(rows[0]?.at(-1))).toContain('统一社会信用代码：');
  });

  it('404 for another user’s receipt and for an unknown one', async () => {
    const city = await ctx.login('xz-city');
    expect((await download(`/api/mines/import-receipts/${receiptId}`, city)).res.statusCode).toBe(404);
    expect((await download('/api/mines/import-receipts/01NOSUCHRECEIPT')).res.statusCode).toBe(404);
  });

  it('exports only the mines in scope: 代县 for the county, everything for the province', async () => {
    const { res, workbook } = await download('/api/mines/export');
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = ledgerValues(workbook!);
    expect(header?.slice(-2)).toEqual(['启用状态', '更新时间']);
    const total = (
      await ctx.app.inject({ method: 'GET', url: '/api/mines/count', headers: { cookie: county } })
    ).json().total;
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => String(r[14]).startsWith('140923'))).toBe(true);
    expect(rows.map((r) => r[2])).toContain('煤矿');

    const officer = await ctx.login('sx-officer');
    const all = await download('/api/mines/export', officer);
    const allTotal = (
      await ctx.app.inject({ method: 'GET', url: '/api/mines/count', headers: { cookie: officer } })
    ).json().total;
    expect(ledgerValues(all.workbook!).length - 1).toBe(allTotal);
    expect(allTotal).toBeGreaterThan(total);

    const filtered = await download(`/api/mines/export?q=${encodeURIComponent('代县示例导入')}`);
    expect(ledgerValues(filtered.workbook!).length - 1).toBe(2);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'mine.exported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes ?? '{}')).toMatchObject({ filter: { q: '代县示例导入' }, count: 2 });
  });

  it('heads the ledger with its title and its filter in words, and names each region beside its code', async () => {
    const bureau = await orgIdByName(ctx.db, '代县应急管理局');
    const filter = `q=${encodeURIComponent('代县示例导入')}&category=coal&supervisorOrgId=${bureau}`;
    const { workbook } = await download(`/api/mines/export?${filter}`);
    const sheet = workbook!.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('矿山台账');
    expect(String(sheet.getCell(2, 1).value)).toMatch(
      /^筛选：搜索 “代县示例导入”；矿山类别 煤矿；监管部门 代县应急管理局；导出时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）；导出单位 代县应急管理局$/,
    );
    const header = (sheet.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1);
    expect(header[0]).toBe('序号');
    const region = header.indexOf('行政区划代码');
    expect(header[region + 1]).toBe('行政区划名称');
    const first = (sheet.getRow(LEDGER_HEADER_ROW + 1).values as unknown[]).slice(1);
    expect([first[0], first[region], first[region + 1]]).toEqual([1, '140923', '代县']);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:3' });
    const all = await download('/api/mines/export');
    expect(String(all.workbook!.worksheets[0]!.getCell(2, 1).value)).toMatch(/^筛选：全部；/);
  });

  it('400 for an unknown export filter', async () => {
    expect((await download('/api/mines/export?category=gold')).res.statusCode).toBe(400);
  });

  it('an export re-imports cleanly once its codes and names are new', async () => {
    const { workbook } = await download('/api/mines/export');
    const sheet = workbook!.worksheets[0]!;
    const count = sheet.actualRowCount - LEDGER_HEADER_ROW;
    // The name and the credit code, after the 序号 column.
    for (let r = LEDGER_HEADER_ROW + 1; r <= LEDGER_HEADER_ROW + count; r++) {
      sheet.getCell(r, 2).value = `${String(sheet.getCell(r, 2).value)}（二期）`;
      sheet.getCell(r, 3).value = uscc(1000 + r);
    }
    const res = await upload(Buffer.from(await workbook!.xlsx.writeBuffer()), 'export.xlsx');
    expect(res.json()).toEqual({ total: count, imported: count, failed: 0, receiptId: null, errors: [] });
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines/count?q=（二期）',
      headers: { cookie: county },
    });
    expect(list.json().total).toBe(count);
  });
});
