import { describe, expect, it } from 'vitest';
import { AppError, invalidField } from '../errors';
import { DRILLS, filledTemplate, workbookFile, ZDrill } from './excel.fixtures';
import { messagesOf, readImport, recordOf } from './read';

const GOOD = ['春季演练', '实战演练', '2024-08-05', 12, 3.5, '否', '代县应急管理局', '012345'];

/** The 400 an upload gets, or a failure if it gets none. */
async function refusal(file: Parameters<typeof readImport>[1]): Promise<string> {
  const error = await readImport(DRILLS, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  if (!(error instanceof AppError)) return '';
  expect(error.code).toBe('VALIDATION');
  expect(error.fields).toEqual([{ field: 'file', message: error.message }]);
  return error.message;
}

/** The rows of the template filled with these, as read. */
const readFilled = async (rows: Parameters<typeof filledTemplate>[0]) =>
  (await readImport(DRILLS, await filledTemplate(rows))).rows;

describe('readImport: cells to values', () => {
  it('reads each kind as the record holds it: codes, ISO dates, numbers, yes/no, ids', async () => {
    const rows = await readFilled([
      GOOD,
      ['  秋季演练 ', '实战', '2024/8/5', '1,200', '0.5', '是', '代县应急管理局', ''],
      ['冬季演练', 'tabletop', new Date(Date.UTC(2024, 7, 5)), '', '', '', '', ''],
      ['夏季演练', '桌面推演', '2024年8月5日', '', '', 'Y', '', ''],
    ]);
    expect(rows.map((r) => r.problems)).toEqual([[], [], [], []]);
    expect(rows[0]!.values).toEqual({
      title: '春季演练',
      kind: 'field',
      heldOn: '2024-08-05',
      people: 12,
      budget: 3.5,
      evaluated: false,
      unit: 'org-dx',
      code: '012345',
    });
    expect(rows[1]!.values).toEqual({
      title: '秋季演练',
      kind: 'field',
      heldOn: '2024-08-05',
      people: 1200,
      budget: 0.5,
      evaluated: true,
      unit: 'org-dx',
    });
    expect(rows[2]!.values).toEqual({ title: '冬季演练', kind: 'tabletop', heldOn: '2024-08-05' });
    expect(rows[3]!.values).toMatchObject({ kind: 'tabletop', heldOn: '2024-08-05', evaluated: true });
  });

  it('reads a date however Excel stored it: a date cell, a serial number, 20240805', async () => {
    const { rows } = await readImport(
      DRILLS,
      await workbookFile([
        ['演练名称', '演练类型', '演练日期'],
        ['甲', '实战演练', new Date(Date.UTC(2024, 7, 5))],
        ['乙', '实战演练', 45509],
        ['丙', '实战演练', 20240805],
        ['丁', '实战演练', -3],
      ]),
    );
    expect(rows.map((r) => r.values.heldOn ?? r.problems)).toEqual([
      '2024-08-05',
      '2024-08-05',
      '2024-08-05',
      ['演练日期：“-3”不是有效日期，请按“2024-08-15”的格式填写'],
    ]);
  });

  it('names the header in every problem, in Chinese, and numbers rows as Excel does (blank rows skipped)', async () => {
    const rows = await readFilled([
      GOOD,
      [],
      ['', '演出', '2024-02-30', '3.5', '很多', '也许', '原平市应急管理局', ''],
      ['这是一个名字远远超过二十个字的应急演练活动名称啊', '实战演练', '8月5日', '0', '', '', '', ''],
    ]);
    expect(rows.map((r) => r.number)).toEqual([2, 4, 5]);
    expect(rows[0]!.problems).toEqual([]);
    expect(rows[1]!.problems).toEqual([
      '演练名称：不能为空，请填写',
      '演练类型：“演出”不是可选值，请从下拉列表中选择（桌面推演、实战演练）',
      '演练日期：“2024-02-30”不是有效日期，请按“2024-08-15”的格式填写',
      '参演人数：“3.5”不是整数，请填写整数',
      '经费(万元)：“很多”不是数字，请填写数字',
      '是否评估：“也许”无法识别，请填写“是”或“否”',
      '组织单位：“原平市应急管理局”不是本单位或下级单位',
    ]);
    expect([...rows[1]!.bad].sort()).toEqual([
      'budget',
      'evaluated',
      'heldOn',
      'kind',
      'people',
      'title',
      'unit',
    ]);
    expect(rows[2]!.problems).toEqual([
      '演练名称：不能超过20个字',
      '演练日期：“8月5日”不是有效日期，请按“2024-08-15”的格式填写',
      '参演人数：不能小于1',
    ]);
  });

  it('finds the columns by their titles, in any order, with or without a * mark', async () => {
    const { rows } = await readImport(
      DRILLS,
      await workbookFile([
        ['备注', '*演练日期', '演练类型*', '演练名称'],
        ['随便写', '2024-08-05', '实战演练', '春季演练'],
      ]),
    );
    expect(rows).toEqual([
      {
        number: 2,
        values: { heldOn: '2024-08-05', kind: 'field', title: '春季演练' },
        problems: [],
        bad: new Set(),
      },
    ]);
  });
});

describe('readImport: files it refuses, naming the file', () => {
  it('a file that is not xlsx, or is damaged', async () => {
    expect(await refusal({ fileName: '演练.csv', content: Buffer.from('演练名称\n') })).toBe(
      '“演练.csv”不是.xlsx格式的Excel文件，请下载导入模板填写后上传（.xls文件请先另存为.xlsx）',
    );
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('broken')]);
    expect(await refusal({ fileName: '坏.xlsx', content: zip })).toContain('“坏.xlsx”无法读取');
  });

  it('an empty sheet, a template without rows, a sheet without the required columns', async () => {
    expect(await refusal(await workbookFile([], '空.xlsx'))).toBe(
      '“空.xlsx”是空的，请在导入模板中填写演练后上传',
    );
    expect(await refusal(await filledTemplate([], '模板.xlsx'))).toBe(
      '“模板.xlsx”中没有演练数据，请从第2行起每行填写一次演练',
    );
    expect(
      await refusal(
        await workbookFile(
          [
            ['演练名称', '参演人数'],
            ['春季演练', 3],
          ],
          '缺列.xlsx',
        ),
      ),
    ).toBe('“缺列.xlsx”第1行缺少列：演练类型、演练日期。请使用导入模板，不要修改列标题');
  });

  it('finds the header below a title and a filter line, and numbers the rows as the sheet does', async () => {
    const headers = DRILLS.columns.map((c) => c.header);
    const file = await workbookFile([
      ['应急演练台账'],
      ['筛选：全部；导出时间 2026-12-06 21:30（北京时间）；导出单位 代县应急管理局'],
      [],
      ['序号', ...headers, '登记时间'],
      [1, ...GOOD, '2024-08-01 10:00:00'],
      [2, '', '演出', '2024-08-05'],
      [3],
    ]);
    const { rows } = await readImport(DRILLS, file);
    // A 序号 alone fills no row; the title and filter line are no data.
    expect(rows.map((r) => r.number)).toEqual([5, 6]);
    expect(rows[0]!.problems).toEqual([]);
    expect(rows[0]!.values.code).toBe('012345');
    expect(rows[1]!.problems).toEqual([
      '演练名称：不能为空，请填写',
      '演练类型：“演出”不是可选值，请从下拉列表中选择（桌面推演、实战演练）',
    ]);
  });

  it('names the header row it found when a required column is missing there', async () => {
    const file = await workbookFile(
      [['演练台账'], ['序号', '演练名称', '参演人数'], [1, '春季演练', 3]],
      '缺列.xlsx',
    );
    expect(await refusal(file)).toBe(
      '“缺列.xlsx”第2行缺少列：演练类型、演练日期。请使用导入模板，不要修改列标题',
    );
  });

  it('looks for the header in the first rows only: lower down, row 1 is the header', async () => {
    const headers = DRILLS.columns.map((c) => c.header);
    const file = await workbookFile(
      [...Array.from({ length: 10 }, (_, i) => [`说明${i + 1}`]), headers, GOOD],
      '说明太长.xlsx',
    );
    expect(await refusal(file)).toBe(
      '“说明太长.xlsx”第1行缺少列：演练名称、演练类型、演练日期。请使用导入模板，不要修改列标题',
    );
  });

  it('more rows than one import takes', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => [`演练${i}`, '实战演练', '2024-08-05']);
    expect(
      await refusal(await workbookFile([['演练名称', '演练类型', '演练日期'], ...rows], '大.xlsx')),
    ).toBe('“大.xlsx”有5001行，一次最多导入5000行，请分成几个文件');
  });
});

describe('recordOf and messagesOf', () => {
  it('checks a row by the record’s schema, naming the header, and says nothing twice', async () => {
    const rows = await readFilled([
      GOOD,
      ['春季演练', '实战演练', '2024-08-05', '', 2000, '', '', '12345'],
      ['春季演练', '演出', '2024-08-05', '', '', '', '', ''],
    ]);
    const [good, bad, badCell] = rows.map((row) => ({ row, record: recordOf(ZDrill, row, DRILLS.columns) }));
    expect(good!.record).toEqual({ ...good!.row.values });
    expect(bad!.record).toBeNull();
    expect(bad!.row.problems).toEqual(['经费(万元)：经费不能超过1000万元', '编号：编号应为6位数字']);
    expect(badCell!.record).toBeNull();
    expect(badCell!.row.problems).toEqual([
      '演练类型：“演出”不是可选值，请从下拉列表中选择（桌面推演、实战演练）',
    ]);
  });

  it('names the column of a service’s refusal unless the message already names its field', () => {
    expect(messagesOf(invalidField('code', '该编号已登记'), DRILLS.columns)).toEqual(['编号：该编号已登记']);
    expect(messagesOf(invalidField('heldOn', '演练日期：不能晚于今天'), DRILLS.columns)).toEqual([
      '演练日期：不能晚于今天',
    ]);
    expect(messagesOf(new AppError('CONFLICT', '演练已归档'), DRILLS.columns)).toEqual(['演练已归档']);
  });
});
