import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { type Column, cellOf } from './columns';
import { addLedgerSheet } from './ledger';
import { type SheetColumn, sheetColumns } from './workbook';

/**
 * A ledger (台账) written from records: its title, the line saying what produced it, its columns
 * and how one record becomes a row. The kit adds the 序号 column before the columns.
 */
export interface ExportSheet<R> {
  sheet: string;
  /** The title row, as the printed page is headed: 隐患台账. */
  title: string;
  /** The line under the title (`originLine`): the filters, the time and the exporting org. */
  origin: string;
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
  const { sheet, heading } = addLedgerSheet(workbook, spec);
  for (const row of heading) row.commit();
  let count = 0;
  for await (const record of records) {
    count += 1;
    sheet.addRow([count, ...spec.row(record)]).commit();
    if (count % ROWS_PER_TURN === 0) await nextTurn();
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

/**
 * The name of what a code column holds (a hazard category, a region), exported in its own column
 * right after the code: the code still imports, and an import ignores the name's column.
 */
export interface CodeName<K extends string> {
  code: K;
  header: string;
  width?: number;
}

/** A register as a ledger exports it: its columns with each named code followed by its name. */
export function registerExport<K extends string>(
  columns: readonly Column<K>[],
  names: readonly CodeName<K>[],
) {
  const nameOf = new Map(names.map((n) => [n.code, n]));
  const own = sheetColumns(columns);
  return {
    columns: columns.flatMap((c, i): SheetColumn[] => {
      const name = nameOf.get(c.key);
      const column = own[i] ?? { header: c.header };
      return name ? [column, { header: name.header, width: name.width ?? 24 }] : [column];
    }),
    /** A record's cells: `named` holds the names of its codes. */
    cells: (
      record: Partial<Record<K, unknown>>,
      named: Partial<Record<K, string | null>>,
    ): ExcelJS.CellValue[] =>
      columns.flatMap((c) => {
        const cell = cellOf(c.kind, record[c.key]);
        return nameOf.has(c.key) ? [cell, named[c.key] ?? null] : [cell];
      }),
  };
}
