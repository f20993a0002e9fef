import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { notFound } from '../errors';
import { cellText, type Register } from './columns';
import { findImportReceipt } from './receipt.repository';
import type { SheetData } from './sheet-stream';
import { addSheet, type ExcelFile, RED, type SheetColumn, sheetColumns, toBuffer } from './workbook';

export const ERROR_TITLE = '错误原因';

/** A failed row of an import and why, as the result lists it. */
export interface RowError {
  row: number;
  message: string;
}

/**
 * The receipt: the failed rows copied as uploaded (the user's own columns, in the user's order)
 * with the reason in a last 错误原因 column, so they can be fixed and imported again.
 */
export async function receiptWorkbook(
  register: Register,
  sheet: SheetData,
  errors: readonly RowError[],
): Promise<Buffer> {
  const known = sheetColumns(register.columns);
  const columns: SheetColumn[] = sheet.header.map((cell) => {
    const title = cellText(cell);
    return known.find((c) => c.header === title) ?? { header: title };
  });
  const lines = new Map(sheet.rows.map((line) => [line.number, line.cells]));
  const workbook = new ExcelJS.Workbook();
  const out = addSheet(workbook, register.sheet, [
    ...columns,
    { header: ERROR_TITLE, width: 60, required: true },
  ]);
  for (const error of errors) {
    const cells = lines.get(error.row) ?? [];
    const row = out.addRow([...columns.map((_, i) => cells[i] ?? null), error.message]);
    row.getCell(columns.length + 1).font = { color: { argb: RED } };
  }
  return toBuffer(workbook);
}

/** An import's receipt, only for the user who uploaded the file. */
export async function importReceipt(db: Db, userId: string, id: string): Promise<ExcelFile> {
  const row = await findImportReceipt(db, id, userId);
  if (!row) throw notFound('导入回执');
  return { fileName: row.file_name, content: Buffer.from(row.content) };
}
