import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { type Column, cellOf } from './columns';
import { addSheet, type SheetColumn } from './workbook';

/** A sheet written from records: its columns and how one record becomes a row. */
export interface ExportSheet<R> {
  sheet: string;
  columns: readonly SheetColumn[];
  row: (record: R) => ExcelJS.CellValue[];
}

/** How often the writer lets the event loop run, so the compressor drains as rows come. */
const ROWS_PER_TURN = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the records to `out` as an xlsx through exceljs's streaming writer: each row is committed
 * as it comes, so a sheet of any length holds no more than the compressor's window in memory.
 * Returns how many rows were written. An error from the records leaves `out` unfinished.
 */
export async function writeXlsx<R>(
  out: Writable,
  spec: ExportSheet<R>,
  records: AsyncIterable<R> | Iterable<R>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = addSheet(workbook, spec.sheet, spec.columns);
  sheet.getRow(1).commit();
  let count = 0;
  for await (const record of records) {
    sheet.addRow(spec.row(record)).commit();
    if (++count % ROWS_PER_TURN === 0) await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** The same sheet as the bytes of a download: the rows still stream, only the compressed file is held. */
export async function exportXlsx<R>(
  spec: ExportSheet<R>,
  records: AsyncIterable<R> | Iterable<R>,
): Promise<{ content: Buffer; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = finished(out);
  const count = await writeXlsx(out, spec, records);
  await done;
  return { content: Buffer.concat(chunks), count };
}

/** A register's columns of a record, as the template has them, so the export imports back. */
export function registerCells<K extends string>(
  columns: readonly Column<K>[],
  record: Partial<Record<K, unknown>>,
): ExcelJS.CellValue[] {
  return columns.map((c) => cellOf(c.kind, record[c.key]));
}
