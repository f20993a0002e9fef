import { fieldLabel } from '@tiegui/domain';
import type { z } from 'zod';
import { type AppError, invalidField } from '../errors';
import { type Column, headerOf, parseCell, type Register, titlePositions, type Value } from './columns';
import { MAX_IMPORT_ROWS, refusalMessage } from './limits';
import { readInWorker } from './sheet-pool';
import type { SheetData, SheetLine } from './sheet-stream';
import type { ExcelFile } from './workbook';
import { declaredRefusal } from './zip-guard';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** One filled row of an upload, its cells read by their columns' kinds. */
export interface SheetRow<K extends string = string> {
  /** The row's number as the user sees it in Excel. */
  number: number;
  /** The filled cells' values; an empty cell is an absent key. */
  values: Partial<Record<K, Value>>;
  /** What is wrong with the row, each naming its column; the row is saved only if there is nothing. */
  problems: string[];
  /** Columns whose cell is already wrong, so a schema does not complain about them twice. */
  bad: Set<string>;
}

export interface ReadSheet<K extends string = string> {
  sheet: SheetData;
  rows: SheetRow<K>[];
}

/**
 * The upload's sheet, read off the request loop: the bytes checked for an xlsx, the zip's declared
 * sizes checked before anything is inflated, then the sheet streamed in a worker within the limits.
 */
async function loadSheet({ fileName, content }: ExcelFile, register: Register): Promise<SheetData> {
  if (!/\.xlsx$/i.test(fileName) || !content.subarray(0, 4).equals(XLSX_MAGIC)) {
    throw invalidField(
      'file',
      `“${fileName}”不是.xlsx格式的Excel文件，请下载导入模板填写后上传（.xls文件请先另存为.xlsx）`,
    );
  }
  const declared = declaredRefusal(content);
  if (declared) throw invalidField('file', refusalMessage(declared, fileName));
  const read = await readInWorker(content, {
    preferred: register.sheet,
    titles: register.columns.map((c) => c.header),
  });
  if ('refused' in read) throw invalidField('file', refusalMessage(read.refused, fileName));
  if (!read.sheet)
    throw invalidField('file', `“${fileName}”是空的，请在导入模板中填写${register.noun}后上传`);
  return read.sheet;
}

/** The register's columns found by their titles in the header row (a `*` mark around a title is allowed). */
function headerColumns<K extends string>(sheet: SheetData, register: Register<K>, fileName: string) {
  const columns = new Map<number, Column<K>>();
  const positions = titlePositions(
    sheet.header,
    register.columns.map((c) => c.header),
  );
  for (const [index, title] of positions) {
    const column = register.columns.find((c) => c.header === title);
    if (column) columns.set(index, column);
  }
  const found = new Set(columns.values());
  const missing = register.columns.filter((c) => c.required && !found.has(c));
  if (missing.length > 0) {
    throw invalidField(
      'file',
      `“${fileName}”第${sheet.headerRow}行缺少列：${missing.map((c) => c.header).join('、')}。请使用导入模板，不要修改列标题`,
    );
  }
  return columns;
}

const cellAt = (line: SheetLine, index: number) => line.cells[index - 1] ?? null;

function readRow<K extends string>(line: SheetLine, columns: Map<number, Column<K>>): SheetRow<K> {
  const read: SheetRow<K> = { number: line.number, values: {}, problems: [], bad: new Set() };
  const refuse = (column: Column<K>, problem: string) => {
    read.problems.push(`${column.header}：${problem}`);
    read.bad.add(column.key);
  };
  for (const [index, column] of columns) {
    const parsed = parseCell(column.kind, cellAt(line, index));
    if (parsed === null) {
      if (column.required) refuse(column, '不能为空，请填写');
    } else if ('problem' in parsed) {
      refuse(column, parsed.problem);
    } else {
      read.values[column.key] = parsed.value;
    }
  }
  return read;
}

/**
 * An upload read against a register: the file checked (xlsx, not empty, the required columns
 * there, not too many rows) and every filled row read, each cell's problem naming its column.
 */
export async function readImport<K extends string>(
  register: Register<K>,
  upload: ExcelFile,
): Promise<ReadSheet<K>> {
  const sheet = await loadSheet(upload, register);
  const columns = headerColumns(sheet, register, upload.fileName);
  if (sheet.filled === 0) {
    throw invalidField(
      'file',
      `“${upload.fileName}”中没有${register.noun}数据，请从第${sheet.headerRow + 1}行起每行填写${register.item}`,
    );
  }
  if (sheet.filled > MAX_IMPORT_ROWS) {
    throw invalidField(
      'file',
      `“${upload.fileName}”有${sheet.filled}行，一次最多导入${MAX_IMPORT_ROWS}行，请分成几个文件`,
    );
  }
  return { sheet, rows: sheet.rows.map((line) => readRow(line, columns)) };
}

const nameOf = (columns: readonly Column[], key: string) => headerOf(columns, key) ?? fieldLabel([key]);

/**
 * A row's values checked by the record's schema, each complaint naming the column; null when the
 * row has any problem. `input` is the values without the columns the schema does not hold.
 */
export function recordOf<T>(
  schema: z.ZodType<T>,
  row: SheetRow,
  columns: readonly Column[],
  input: Record<string, unknown> = row.values,
): T | null {
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!row.bad.has(key)) row.problems.push(`${nameOf(columns, key)}：${issue.message}`);
    }
  }
  return result.success && row.problems.length === 0 ? result.data : null;
}

/** A service's refusal of a row, each message naming its column unless it already names a field. */
export function messagesOf(error: AppError, columns: readonly Column[]): string[] {
  if (!error.fields?.length) return [error.message];
  return error.fields.map((f) =>
    /^[^：]{1,20}：/.test(f.message) ? f.message : `${nameOf(columns, f.field)}：${f.message}`,
  );
}
