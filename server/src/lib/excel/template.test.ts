import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DRILLS, readXlsx } from './excel.fixtures';
import { importTemplate } from './template';

async function template() {
  const file = await importTemplate(DRILLS);
  const workbook = await readXlsx(file.content);
  return { file, workbook, sheet: workbook.getWorksheet('应急演练台账')! };
}

/** The answers a cell's dropdown offers, read from the list sheet its formula points at. */
function dropdown(workbook: ExcelJS.Workbook, cell: ExcelJS.Cell): unknown[] | null {
  const validation = cell.dataValidation;
  if (!validation) return null;
  expect(validation.type).toBe('list');
  const [, sheet, column, first, last] = /^'(.+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(
    String(validation.formulae[0]),
  )!;
  const lists = workbook.getWorksheet(sheet)!;
  expect(lists.state).toBe('hidden');
  const values: unknown[] = [];
  for (let r = Number(first); r <= Number(last); r++) values.push(lists.getCell(`${column}${r}`).value);
  return values;
}

describe('importTemplate', () => {
  it('is named after the register and has its headers in order, required ones in red', async () => {
    const { file, sheet } = await template();
    expect(file.fileName).toBe('应急演练台账导入模板.xlsx');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(DRILLS.columns.map((c) => c.header));
    const red = (col: number) => sheet.getRow(1).getCell(col).font?.color?.argb === 'FFC00000';
    expect(DRILLS.columns.map((_, i) => red(i + 1))).toEqual(DRILLS.columns.map((c) => c.required === true));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('offers a dropdown for each enumeration, yes/no and lookup column, down the rows a user fills', async () => {
    const { workbook, sheet } = await template();
    expect(dropdown(workbook, sheet.getCell('B2'))).toEqual(['桌面推演', '实战演练']);
    expect(dropdown(workbook, sheet.getCell('B1001'))).toEqual(['桌面推演', '实战演练']);
    expect(dropdown(workbook, sheet.getCell('F2'))).toEqual(['是', '否']);
    expect(dropdown(workbook, sheet.getCell('G500'))).toEqual(['代县应急管理局']);
    for (const free of ['A2', 'C2', 'D2', 'E2', 'H2'])
      expect(dropdown(workbook, sheet.getCell(free)), free).toBeNull();
    const b = sheet.getCell('B2').dataValidation;
    expect(b).toMatchObject({
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '请从下拉列表中选择演练类型',
    });
  });

  it('keeps typed text as text, numbers as numbers, and notes each header with how to fill it', async () => {
    const { sheet } = await template();
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.getColumn(8).numFmt).toBe('@');
    expect(sheet.getColumn(4).numFmt).not.toBe('@');
    expect(sheet.getColumn(5).numFmt).not.toBe('@');
    const note = sheet.getCell('A1').note;
    expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toBe('不超过20个字');
  });

  it('explains every column and the register’s own rules in 填写说明', async () => {
    const { workbook } = await template();
    const guide = workbook.getWorksheet('填写说明')!;
    const rows = (guide.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows[0]).toEqual(['列名', '是否必填', '填写说明', '可选值']);
    expect(rows[1]).toEqual(['演练名称', '必填', '不超过20个字', '']);
    expect(rows[2]).toEqual(['演练类型', '必填', '', '桌面推演、实战演练']);
    expect(rows[4]?.slice(0, 2)).toEqual(['参演人数', '选填']);
    const text = rows.flat().join('\n');
    expect(text).toContain('每行填写一次演练，一次最多5000行');
    expect(text).toContain('演练脚本在系统中另行上传。');
    expect(text).toContain('错误原因');
  });
});
