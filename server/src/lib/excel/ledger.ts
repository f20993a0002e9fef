import type ExcelJS from 'exceljs';
import { beijingTime } from '../beijing';
import { DEFAULT_WIDTH, type SheetColumn, styleHeader } from './workbook';

/** Where a ledger's parts sit: its title, the line saying what produced it, then the header row. */
export const TITLE_ROW = 1;
export const ORIGIN_ROW = 2;
export const LEDGER_HEADER_ROW = 3;
export const NUMBER_TITLE = '序号';

/** What produced an export, in words: the filters chosen (label and value), when and by which org. */
export interface ExportOrigin {
  filters: readonly (readonly [label: string, value: string])[];
  at: Date;
  org: string;
}

/** `筛选：状态 整改中；所属区域 代县；导出时间 2026-12-06 21:30（北京时间）；导出单位 代县应急管理局`. */
export function originLine({ filters, at, org }: ExportOrigin): string {
  const chosen =
    filters.length > 0 ? filters.map(([label, value]) => `${label} ${value}`).join('；') : '全部';
  const time = beijingTime(at.toISOString()).slice(0, 16);
  return `筛选：${chosen}；导出时间 ${time}（北京时间）；导出单位 ${org}`;
}

/** A4 paper in the OOXML numbering. */
const A4 = 9;

/**
 * A ledger's sheet laid out to be printed and stamped: the title merged across the columns, the
 * origin line, the header row with 序号 first (all three frozen and repeated on every printed page),
 * A4 landscape fitted to the page's width, page numbers in the footer. The rows are not yet committed.
 */
export function addLedgerSheet(
  workbook: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter,
  spec: { sheet: string; title: string; origin: string; columns: readonly SheetColumn[] },
) {
  const columns: SheetColumn[] = [{ header: NUMBER_TITLE, width: 6 }, ...spec.columns];
  const sheet = workbook.addWorksheet(spec.sheet, {
    views: [{ state: 'frozen', ySplit: LEDGER_HEADER_ROW }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages down as the rows take.
      fitToHeight: 0,
      printTitlesRow: `${TITLE_ROW}:${LEDGER_HEADER_ROW}`,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = columns.map((c) => ({
    width: c.width ?? DEFAULT_WIDTH,
    style: c.text ? { numFmt: '@' } : {},
  }));
  const title = sheet.getRow(TITLE_ROW);
  title.height = 32;
  title.getCell(1).value = spec.title;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
  const origin = sheet.getRow(ORIGIN_ROW);
  origin.height = 20;
  origin.getCell(1).value = spec.origin;
  origin.getCell(1).alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, columns.length);
  sheet.mergeCells(ORIGIN_ROW, 1, ORIGIN_ROW, columns.length);
  const header = sheet.getRow(LEDGER_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  styleHeader(header, (i) => columns[i - 1]?.required === true);
  return { sheet, heading: [title, origin, header] };
}

/** How a filter reads: its label and its value in words, or null to leave a default unsaid. */
export type FilterWord<V> = readonly [
  label: string,
  word: (value: V) => string | null | Promise<string | null>,
];

/** Every filter of a list, so a filter added to the list cannot be left out of the export's words. */
export type FilterWords<F> = { [K in keyof F]-?: FilterWord<NonNullable<F[K]>> };

/** The filters chosen, in words, in the order the words list them. */
export async function filterWords<F extends object>(
  filter: F,
  words: FilterWords<F>,
): Promise<[string, string][]> {
  const said: [string, string][] = [];
  for (const key in words) {
    const value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    const [label, word] = words[key];
    const text = await word(value);
    if (text !== null) said.push([label, text]);
  }
  return said;
}

/** A yes/no filter in the words its list offers. */
export const yesNoWord =
  (yes: string, no: string) =>
  (value: boolean): string =>
    value ? yes : no;
