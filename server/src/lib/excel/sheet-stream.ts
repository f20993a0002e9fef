import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, type PlainCell, plainValue, titlePositions } from './columns';
import { MAX_IMPORT_ROWS, MAX_SHEET_CELLS, MAX_SHEET_ROWS, type Refusal } from './limits';

declare module 'exceljs' {
  namespace stream {
    namespace xlsx {
      // The reader knows each sheet's name and state (from workbook.xml); its typings do not.
      interface WorksheetReader {
        readonly name: string;
        readonly state?: string;
      }
    }
  }
}

/** A filled row of the sheet read: its number as Excel shows it, its cells up to the header's width. */
export interface SheetLine {
  number: number;
  cells: PlainCell[];
}

/** The sheet an import reads, as plain values: its header row and its rows filled in the register's columns. */
export interface SheetData {
  /** The header row's number: 1 in a template, lower in an export under its title and filter line. */
  headerRow: number;
  header: PlainCell[];
  /** The filled rows, the first MAX_IMPORT_ROWS of them: more than that is refused anyway. */
  rows: SheetLine[];
  /** How many rows are filled, kept or not. */
  filled: number;
}

/** A workbook read: its sheet (null when it has none with anything in it), or why it is refused. */
export type SheetRead = { sheet: SheetData | null } | { refused: Refusal };

/** What a workbook is read for: the sheet the template names, and the register's column titles. */
export interface SheetWanted {
  preferred: string;
  titles: readonly string[];
}

/** How well a sheet answers for the register: named as the template names it, or the first visible one. */
function rankOf(worksheet: ExcelJS.stream.xlsx.WorksheetReader, preferred: string): number {
  if (worksheet.name === preferred) return 2;
  return worksheet.state === undefined || worksheet.state === 'visible' ? 1 : 0;
}

const cellsOf = (row: ExcelJS.Row, width: number): PlainCell[] =>
  Array.from({ length: Math.min(width, row.cellCount) }, (_, i) => plainValue(row.getCell(i + 1).value));

/**
 * How far down the header row is looked for: an export puts a title and a filter line above it.
 * A sheet with no row of the register's titles that high has its header in row 1, as a template.
 */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Reads a workbook as a stream, row by row, keeping only the sheet the register names (else the
 * first visible one, else the first). The header is the first row among the first
 * HEADER_SEARCH_ROWS holding one of the register's titles; rows above it are not data. Every
 * sheet's rows and cells count against the limits, and reading stops at the first one passed, so a
 * huge sheet costs no more than the limit.
 */
export async function streamSheet(zip: Buffer, { preferred, titles }: SheetWanted): Promise<SheetRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let rows = 0;
  let cells = 0;
  let best: { rank: number; sheet: SheetData | null } = { rank: -1, sheet: null };
  for await (const worksheet of reader) {
    const rank = rankOf(worksheet, preferred);
    const keep = rank > best.rank;
    const sheet: SheetData = { headerRow: 1, header: [], rows: [], filled: 0 };
    let positions: number[] | null = null;
    let anything = false;
    for await (const row of worksheet) {
      rows += 1;
      cells += row.cellCount;
      if (rows > MAX_SHEET_ROWS) return { refused: 'rows' };
      if (cells > MAX_SHEET_CELLS) return { refused: 'cells' };
      if (!keep || !row.hasValues) continue;
      anything = true;
      if (positions === null) {
        const line = cellsOf(row, row.cellCount);
        const found = titlePositions(line, titles);
        if (row.number === 1) sheet.header = line;
        // No header that high: row 1 is the header (none of its titles known, so no row is filled).
        if (found.size === 0 && row.number < HEADER_SEARCH_ROWS) continue;
        positions = [...found.keys()];
        if (found.size > 0) {
          sheet.headerRow = row.number;
          sheet.header = line;
          continue;
        }
      }
      if (positions.some((i) => cellText(row.getCell(i).value) !== '')) {
        sheet.filled += 1;
        if (sheet.filled <= MAX_IMPORT_ROWS) {
          sheet.rows.push({ number: row.number, cells: cellsOf(row, sheet.header.length) });
        }
      }
    }
    if (keep) best = { rank, sheet: anything ? sheet : null };
  }
  return { sheet: best.sheet };
}

/**
 * Tries of one upload before it is called unreadable. exceljs's stream reader (4.4.0) now and then
 * loses the workbook part of a sound file and throws reading its first sheet (about one read in
 * 300, more on a busy machine); the same bytes read again are fine, and a corrupt file fails fast.
 */
export const READ_TRIES = 3;

/** The workbook read by `read` (the stream reader), tried again when it throws: the sheet, or why it is refused. */
export async function readTried(
  zip: Buffer,
  wanted: SheetWanted,
  read: (zip: Buffer, wanted: SheetWanted) => Promise<SheetRead> = streamSheet,
): Promise<SheetRead> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await read(zip, wanted);
    } catch {
      if (tried >= READ_TRIES) return { refused: 'unreadable' };
    }
  }
}
