import ExcelJS from 'exceljs';
import { z } from 'zod';
import { date, integer, lookup, number, oneOf, type Register, text, yesNo } from './columns';
import { importTemplate } from './template';
import type { ExcelFile } from './workbook';

/** A register as a new module would write one (应急演练台账), with a column of every kind. */
// biome-ignore format: a table reads best with one column per line
export const DRILLS: Register<'title' | 'kind' | 'heldOn' | 'people' | 'budget' | 'evaluated' | 'unit' | 'code'> = {
  sheet: '应急演练台账',
  noun: '演练',
  item: '一次演练',
  columns: [
    { key: 'title', header: '演练名称', kind: text(20), required: true, width: 30, note: '不超过20个字' },
    { key: 'kind', header: '演练类型', kind: oneOf({ tabletop: '桌面推演', field: '实战演练' }, { field: '实战' }), required: true },
    { key: 'heldOn', header: '演练日期', kind: date, required: true, note: '日期，如2024-08-15' },
    { key: 'people', header: '参演人数', kind: integer({ min: 1 }) },
    { key: 'budget', header: '经费(万元)', kind: number() },
    { key: 'evaluated', header: '是否评估', kind: yesNo },
    { key: 'unit', header: '组织单位', kind: lookup([{ id: 'org-dx', name: '代县应急管理局' }], (name) => `“${name}”不是本单位或下级单位`) },
    { key: 'code', header: '编号', kind: text() },
  ],
  notes: ['演练脚本在系统中另行上传。'],
};

export const ZDrill = z.strictObject({
  title: z.string(),
  kind: z.enum(['tabletop', 'field']),
  heldOn: z.string(),
  people: z.number().optional(),
  budget: z.number().max(1000, '经费不能超过1000万元').optional(),
  evaluated: z.boolean().default(false),
  unit: z.string().optional(),
  code: z
    .string()
    .regex(/^\d{6}$/, '编号应为6位数字')
    .optional(),
});

export async function readXlsx(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return workbook;
}

/** The register's own template filled with rows, as a user uploads it. */
export async function filledTemplate(
  rows: ExcelJS.CellValue[][],
  fileName = '演练.xlsx',
  register: Register = DRILLS,
): Promise<ExcelFile> {
  const workbook = await readXlsx((await importTemplate(register)).content);
  const sheet = workbook.getWorksheet(register.sheet)!;
  rows.forEach((row, i) => {
    sheet.getRow(i + 2).values = row;
  });
  return { fileName, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** A workbook made by hand, for the files a template does not produce. */
export async function workbookFile(rows: ExcelJS.CellValue[][], fileName = '自制.xlsx'): Promise<ExcelFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return { fileName, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
