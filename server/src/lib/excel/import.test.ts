import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { AppError, invalidField } from '../errors';
import { DRILLS, filledTemplate, readXlsx, ZDrill } from './excel.fixtures';
import { type ImportJob, importRows } from './import';
import { recordOf } from './read';
import { importReceipt } from './receipt';

let ctx: TestContext;
let uploader: string;
let other: string;
beforeAll(async () => {
  ctx = await createTestContext({ campaign: 'none' });
  const users = await ctx.db.selectFrom('users').select('id').orderBy('id').limit(2).execute();
  uploader = users[0]!.id;
  other = users[1]!.id;
});
afterAll(() => ctx.close());

const ROWS = [
  ['春季演练', '实战演练', '2024-08-05', 12, '', '', '', ''],
  ['夏季演练', '演出', '2024-08-06', '', '', '', '', ''],
  ['秋季演练', '桌面推演', '2024-08-07', '', '', '', '', '999999'],
  ['冬季演练', '桌面推演', '2024-08-08', '', 2000, '', '', ''],
];

/** A job that saves drills to a list, refusing the code 999999 as a service would. */
function job(saved: unknown[], audits: unknown[], upload: ImportJob<string>['upload']): ImportJob<string> {
  return {
    register: DRILLS,
    upload,
    userId: uploader,
    async save(row) {
      const drill = recordOf(ZDrill, row, DRILLS.columns);
      if (drill?.code === '999999') throw invalidField('code', '该编号已登记');
      if (drill) saved.push(drill);
    },
    audit: async (_trx, outcome, now) => {
      audits.push({ outcome, now: now.toISOString() });
    },
  };
}

describe('importRows', () => {
  let receiptId: string;

  it('saves the good rows and reports each failed one by its row and column', async () => {
    const saved: unknown[] = [];
    const audits: unknown[] = [];
    const result = await importRows(ctx, job(saved, audits, await filledTemplate(ROWS, '八月演练.xlsx')));
    expect(saved).toEqual([
      { title: '春季演练', kind: 'field', heldOn: '2024-08-05', people: 12, evaluated: false },
    ]);
    expect(result).toMatchObject({ total: 4, imported: 1, failed: 3 });
    expect(result.errors).toEqual([
      { row: 3, message: '演练类型：“演出”不是可选值，请从下拉列表中选择（桌面推演、实战演练）' },
      { row: 4, message: '编号：该编号已登记' },
      { row: 5, message: '经费(万元)：经费不能超过1000万元' },
    ]);
    expect(result.receiptId).toEqual(expect.any(String));
    receiptId = result.receiptId!;
    const { errors: _, ...outcome } = result;
    expect(audits).toEqual([{ outcome, now: ctx.clock.now().toISOString() }]);
  });

  it('keeps a receipt of the failed rows as uploaded, with 错误原因, for the uploader only', async () => {
    const file = await importReceipt(ctx.db, uploader, receiptId);
    expect(file.fileName).toBe('八月演练-错误回执.xlsx');
    const sheet = (await readXlsx(file.content)).worksheets[0]!;
    expect(sheet.name).toBe('应急演练台账');
    const values = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(values[0]).toEqual([...DRILLS.columns.map((c) => c.header), '错误原因']);
    expect(values.slice(1).map((r) => [r[0], r.at(-1)])).toEqual([
      ['夏季演练', '演练类型：“演出”不是可选值，请从下拉列表中选择（桌面推演、实战演练）'],
      ['秋季演练', '编号：该编号已登记'],
      ['冬季演练', '经费(万元)：经费不能超过1000万元'],
    ]);
    expect(values[2]?.[7]).toBe('999999');
    expect(sheet.getRow(1).getCell(9).font?.color?.argb).toBe('FFC00000');
    await expect(importReceipt(ctx.db, other, receiptId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '导入回执不存在或无权查看',
    });
  });

  it('keeps no receipt when every row imports', async () => {
    const result = await importRows(ctx, job([], [], await filledTemplate([ROWS[0]!])));
    expect(result).toEqual({ total: 1, imported: 1, failed: 0, receiptId: null, errors: [] });
  });

  it('stores the receipt and the audit together, or neither', async () => {
    const before = await ctx.db.selectFrom('import_receipts').select('id').execute();
    const failing: ImportJob<string> = {
      ...job([], [], await filledTemplate(ROWS)),
      audit: () => Promise.reject(new Error('audit down')),
    };
    await expect(importRows(ctx, failing)).rejects.toThrow('audit down');
    expect(await ctx.db.selectFrom('import_receipts').select('id').execute()).toEqual(before);
  });

  it('fails the whole import on an error that is not a refusal of the row', async () => {
    const broken: ImportJob<string> = {
      ...job([], [], await filledTemplate(ROWS)),
      save: () => Promise.reject(new TypeError('bug')),
    };
    await expect(importRows(ctx, broken)).rejects.toThrow(TypeError);
    const refused: ImportJob<string> = {
      ...job([], [], await filledTemplate([ROWS[0]!])),
      save: () => Promise.reject(new AppError('FORBIDDEN', '没有执行此操作的权限')),
    };
    expect((await importRows(ctx, refused)).errors).toEqual([{ row: 2, message: '没有执行此操作的权限' }]);
  });
});
