import type { Mine, MineImportResult, MineListQuery } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import type { Download } from '../../http/download';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { findImportReceipt, insertImportReceipt, type MineRow, sortValueOf } from './mine.repository';
import { allMines, createMine, type MineDeps, mineFormOptions, presentMine } from './mine.service';
import {
  COLUMNS,
  type Column,
  cellText,
  choicesOf,
  type FormOptions,
  parseRow,
  plainValue,
  titleOf,
} from './mine-excel.columns';

/** An xlsx file going in or out. */
export type ExcelFile = Download;

export type MineExportQuery = Omit<MineListQuery, 'cursor' | 'limit'>;

const SHEET = '矿山基础信息';
const GUIDE_SHEET = '填写说明';
const LIST_SHEET = '选项';
const ERROR_TITLE = '错误原因';
const TEMPLATE_ROWS = 1000;
const MAX_IMPORT_ROWS = 5000;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The form options, refused to anyone who may not register mines (divisions, groups, mines). */
async function importOptions(deps: MineDeps, actor: Actor): Promise<FormOptions> {
  const options = await mineFormOptions(deps, actor);
  if (options.supervisors.length === 0)
    throw forbidden('只有属地监管部门（省、市、县应急管理部门）可以导入矿山');
  return options;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleHeader(row: ExcelJS.Row, required: (index: number) => boolean) {
  row.height = 22;
  row.eachCell((cell, index) => {
    cell.font = { bold: true, color: { argb: required(index) ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/** A sheet with the mine columns (text columns formatted as text so codes keep their digits). */
function addMineSheet(workbook: ExcelJS.Workbook, extra: { header: string; width: number }[] = []) {
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...COLUMNS.map((c) => ({
      header: c.title,
      key: c.key,
      width: c.width,
      style: c.kind.type === 'text' ? { numFmt: '@' } : {},
    })),
    ...extra,
  ];
  styleHeader(sheet.getRow(1), (i) => COLUMNS[i - 1]?.required === true);
  return sheet;
}

/** exceljs has `worksheet.dataValidations` (range validations) at runtime but not in its typings. */
function addListValidation(sheet: ExcelJS.Worksheet, range: string, title: string, source: string) {
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  validations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [source],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `请从下拉列表中选择${title}`,
  });
}

/** The import template: the columns, dropdowns of the allowed answers and a sheet of instructions. */
export async function mineImportTemplate(deps: MineDeps, actor: Actor): Promise<ExcelFile> {
  const options = await importOptions(deps, actor);
  const workbook = new ExcelJS.Workbook();
  const sheet = addMineSheet(workbook);
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  // Lists live on a hidden sheet: an inline list is limited to 255 characters and breaks on commas.
  const lists = workbook.addWorksheet(LIST_SHEET, { state: 'hidden' });
  let listColumn = 0;
  COLUMNS.forEach((column, index) => {
    const choices = choicesOf(column, options);
    if (!choices) return;
    const source = lists.getColumn(++listColumn);
    source.values = [column.title, ...choices];
    if (choices.length === 0) return;
    const target = sheet.getColumn(index + 1).letter;
    const ref = `'${LIST_SHEET}'!$${source.letter}$2:$${source.letter}$${choices.length + 1}`;
    addListValidation(sheet, `${target}2:${target}${TEMPLATE_ROWS + 1}`, column.title, ref);
  });

  guide.columns = [
    { header: '列名', width: 24 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 60 },
    { header: '可选值', width: 60 },
  ];
  styleHeader(guide.getRow(1), () => false);
  for (const column of COLUMNS) {
    const row = guide.addRow([
      column.title,
      column.required ? '必填' : '选填',
      column.note,
      choicesOf(column, options)?.join('、') ?? '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  guide.addRow([]);
  for (const line of [
    '注意事项：',
    `1. 在“${SHEET}”工作表中从第2行起每行填写一个矿山，一次最多${MAX_IMPORT_ROWS}行；第1行的列标题请勿修改，红色标题为必填项。`,
    '2. 有下拉箭头的列请从下拉列表中选择，不要自行输入其他写法。',
    '3. 统一社会信用代码、矿长电话、行政区划代码按文本填写，不要删去开头的0。',
    '4. 导入后，填写正确的行会登记入库，有错误的行不会保存；可下载错误回执，按“错误原因”列修改后再次导入。',
  ]) {
    guide.addRow([line]);
  }
  return { fileName: '矿山基础信息导入模板.xlsx', content: await toBuffer(workbook) };
}

function messagesOf(error: AppError): string[] {
  if (!error.fields?.length) return [error.message];
  return error.fields.map((f) => `${titleOf(f.field)}：${f.message}`);
}

async function readSheet({ fileName, content }: ExcelFile): Promise<ExcelJS.Worksheet> {
  if (!/\.xlsx$/i.test(fileName) || !content.subarray(0, 4).equals(XLSX_MAGIC)) {
    throw invalidField(
      'file',
      `“${fileName}”不是.xlsx格式的Excel文件，请下载导入模板填写后上传（.xls文件请先另存为.xlsx）`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidField('file', `“${fileName}”无法读取，文件可能已损坏，请用Excel重新保存后上传`);
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0)
    throw invalidField('file', `“${fileName}”是空的，请在导入模板中填写矿山后上传`);
  return sheet;
}

/** Finds the known columns by their titles in row 1; every required column must be there. */
function headerColumns(sheet: ExcelJS.Worksheet, fileName: string): Map<number, Column> {
  const columns = new Map<number, Column>();
  sheet.getRow(1).eachCell((cell, index) => {
    const title = cellText(cell.value)
      .replace(/^\*+|\*+$/g, '')
      .trim();
    const column = COLUMNS.find((c) => c.title === title);
    if (column && ![...columns.values()].includes(column)) columns.set(index, column);
  });
  const missing = COLUMNS.filter((c) => c.required && ![...columns.values()].includes(c));
  if (missing.length > 0) {
    throw invalidField(
      'file',
      `“${fileName}”第1行缺少列：${missing.map((c) => c.title).join('、')}。请使用导入模板，不要修改列标题`,
    );
  }
  return columns;
}

/** Copies the failed rows as uploaded, with the reason in a last column. */
async function receiptWorkbook(
  sheet: ExcelJS.Worksheet,
  errors: MineImportResult['errors'],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.getRow(1);
  const width = header.cellCount;
  const titles = Array.from({ length: width }, (_, i) => cellText(header.getCell(i + 1).value));
  titles.forEach((title, i) => {
    const column = COLUMNS.find((c) => c.title === title);
    out.getColumn(i + 1).width = column?.width ?? 14;
    if (column?.kind.type === 'text') out.getColumn(i + 1).numFmt = '@';
  });
  out.getColumn(width + 1).width = 60;
  out.addRow([...titles, ERROR_TITLE]);
  styleHeader(
    out.getRow(1),
    (i) => i === width + 1 || COLUMNS.some((c) => c.required && c.title === titles[i - 1]),
  );
  for (const error of errors) {
    const source = sheet.getRow(error.row);
    const row = out.addRow([...titles.map((_, i) => plainValue(source.getCell(i + 1).value)), error.message]);
    row.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
  }
  return toBuffer(workbook);
}

/** Registers each valid row as a single create would; keeps a receipt of the rows that failed. */
export async function importMines(
  deps: MineDeps,
  actor: Actor,
  upload: ExcelFile,
): Promise<MineImportResult> {
  const options = await importOptions(deps, actor);
  const sheet = await readSheet(upload);
  const columns = headerColumns(sheet, upload.fileName);
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && [...columns.keys()].some((i) => cellText(row.getCell(i).value) !== '')) rows.push(row);
  });
  if (rows.length === 0)
    throw invalidField('file', `“${upload.fileName}”中没有矿山数据，请从第2行起每行填写一个矿山`);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidField(
      'file',
      `“${upload.fileName}”有${rows.length}行，一次最多导入${MAX_IMPORT_ROWS}行，请分成几个文件`,
    );
  }

  const errors: MineImportResult['errors'] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const { mine, uscc, problems } = parseRow(row, columns, options);
    const first = uscc ? firstRowOf.get(uscc) : undefined;
    if (first !== undefined) problems.push(`统一社会信用代码：与第${first}行重复`);
    else if (uscc) firstRowOf.set(uscc, row.number);
    if (mine && problems.length === 0) {
      try {
        await createMine(deps, actor, mine);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push(...messagesOf(error));
      }
    }
    if (problems.length > 0) errors.push({ row: row.number, message: problems.join('；') });
  }

  const receiptId = errors.length > 0 ? newId() : null;
  const receipt = receiptId ? await receiptWorkbook(sheet, errors) : null;
  const stem = upload.fileName.replace(/\.xlsx$/i, '').slice(0, 150);
  const counts = { total: rows.length, imported: rows.length - errors.length, failed: errors.length };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (receiptId && receipt) {
      await insertImportReceipt(trx, {
        id: receiptId,
        user_id: actor.userId,
        created_at: now.toISOString(),
        file_name: `${stem}-错误回执.xlsx`,
        content: receipt,
      });
    }
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'mine.imported',
        entityType: 'mine',
        changes: { fileName: upload.fileName, ...counts, receiptId },
      },
      now,
    );
  });
  return { ...counts, receiptId, errors };
}

/** An import receipt, only for the user who uploaded the file. */
export async function importReceipt({ db }: MineDeps, actor: Actor, id: string): Promise<ExcelFile> {
  const row = await findImportReceipt(db, id, actor.userId);
  if (!row) throw notFound('导入回执');
  return { fileName: row.file_name, content: Buffer.from(row.content) };
}

function exportValue(column: Column, mine: Mine): ExcelJS.CellValue {
  const value = mine[column.key];
  switch (column.kind.type) {
    case 'enum':
      return typeof value === 'string' ? (column.kind.labels[value] ?? value) : null;
    case 'boolean':
      return value ? '是' : '否';
    case 'org':
      return mine[column.kind.nameOf] ?? null;
    default:
      return (value as string | number | null | undefined) ?? null;
  }
}

/** Beijing time, as users read it: `2024-08-01 10:00:00`. */
const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The filtered, scoped registry as a sheet that imports back with the same columns. */
export async function exportMines(deps: MineDeps, actor: Actor, query: MineExportQuery): Promise<ExcelFile> {
  const { sort, ...filter } = query;
  const rows: MineRow[] = [];
  for await (const row of allMines(deps, actor, filter)) rows.push(row);
  const sign = sort.startsWith('-') ? -1 : 1;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => sign * (compare(sortValueOf(a, sort), sortValueOf(b, sort)) || compare(a.id, b.id)));

  const workbook = new ExcelJS.Workbook();
  const sheet = addMineSheet(workbook, [
    { header: '启用状态', width: 10 },
    { header: '更新时间', width: 20 },
  ]);
  for (const row of rows) {
    const mine = presentMine(row, actor);
    sheet.addRow([
      ...COLUMNS.map((c) => exportValue(c, mine)),
      mine.active ? '启用' : '停用',
      chinaTime(mine.updatedAt),
    ]);
  }
  const now = deps.clock.now();
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    { action: 'mine.exported', entityType: 'mine', changes: { filter: query, count: rows.length } },
    now,
  );
  return {
    fileName: `矿山基础信息-${chinaTime(now.toISOString()).slice(0, 10).replace(/-/g, '')}.xlsx`,
    content: await toBuffer(workbook),
  };
}
