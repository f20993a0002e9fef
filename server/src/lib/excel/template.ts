import ExcelJS from 'exceljs';
import { choicesOf, type Register } from './columns';
import { MAX_IMPORT_ROWS } from './limits';
import { addSheet, type ExcelFile, sheetColumns, styleHeader, toBuffer } from './workbook';

export const GUIDE_SHEET = '填写说明';
export const LIST_SHEET = '选项';
const TEMPLATE_ROWS = 1000;

function listValidation(title: string, source: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [source],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `请从下拉列表中选择${title}`,
  };
}

function instructions(register: Register): string[] {
  const hasLists = register.columns.some((c) => choicesOf(c.kind) !== null);
  return [
    `在“${register.sheet}”工作表中从第2行起每行填写${register.item}，一次最多${MAX_IMPORT_ROWS}行；第1行的列标题请勿修改，红色标题为必填项。`,
    ...(hasLists ? ['有下拉箭头的列请从下拉列表中选择，不要自行输入其他写法。'] : []),
    ...(register.notes ?? []),
    '导入后，填写正确的行会登记入库，有错误的行不会保存；可下载错误回执，按“错误原因”列修改后再次导入。',
  ];
}

/**
 * The import template: the register's columns (required ones red, each header noted with how to
 * fill it), dropdowns of the allowed answers and a sheet of instructions.
 */
export async function importTemplate(register: Register): Promise<ExcelFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook, register.sheet, sheetColumns(register.columns));
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  // Lists live on a hidden sheet: an inline list is limited to 255 characters and breaks on commas.
  const lists = workbook.addWorksheet(LIST_SHEET, { state: 'hidden' });
  let listColumn = 0;
  register.columns.forEach((column, index) => {
    if (column.note) sheet.getRow(1).getCell(index + 1).note = column.note;
    const choices = choicesOf(column.kind);
    if (!choices) return;
    const source = lists.getColumn(++listColumn);
    source.values = [column.header, ...choices];
    if (choices.length === 0) return;
    const target = sheet.getColumn(index + 1).letter;
    const ref = `'${LIST_SHEET}'!$${source.letter}$2:$${source.letter}$${choices.length + 1}`;
    sheet.dataValidations.add(`${target}2:${target}${TEMPLATE_ROWS + 1}`, listValidation(column.header, ref));
  });

  guide.columns = [
    { header: '列名', width: 24 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 60 },
    { header: '可选值', width: 60 },
  ];
  styleHeader(guide.getRow(1), () => false);
  for (const column of register.columns) {
    const row = guide.addRow([
      column.header,
      column.required ? '必填' : '选填',
      column.note ?? '',
      choicesOf(column.kind)?.join('、') ?? '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  guide.addRow([]);
  guide.addRow(['注意事项：']);
  for (const [i, line] of instructions(register).entries()) guide.addRow([`${i + 1}. ${line}`]);
  return { fileName: `${register.sheet}导入模板.xlsx`, content: await toBuffer(workbook) };
}
