import type ExcelJS from 'exceljs';

/**
 * What a column holds. An enumeration maps catalog codes to the Chinese labels users pick; a
 * lookup names another record (a bureau, a group) and reads back as its id.
 */
export type Kind =
  | { type: 'text'; max?: number }
  | { type: 'integer' | 'number'; min?: number; max?: number }
  | { type: 'date' }
  | { type: 'boolean' }
  | { type: 'enum'; labels: Readonly<Record<string, string>>; aliases?: Readonly<Record<string, string>> }
  | {
      type: 'lookup';
      choices: readonly { id: string; name: string }[];
      /** The message for a name not in the list, when the register can say why better than "not found". */
      unknown?: (name: string) => string;
    };

/** One column of a register: all the kit needs to make the template, read it back and export. */
export interface Column<K extends string = string> {
  key: K;
  header: string;
  kind: Kind;
  required?: boolean;
  width?: number;
  /** How to fill it, shown in the instructions sheet and as the header cell's note. */
  note?: string;
}

/**
 * A register (台账): its columns and the words its messages use. A new register is this table plus
 * the function that turns a read row into a record.
 */
export interface Register<K extends string = string> {
  /** The sheet's name, also the stem of the template's file name. */
  sheet: string;
  /** What one record is called in messages: 矿山, 隐患. */
  noun: string;
  /** One row's worth, as the instructions say it: 一个矿山, 一项隐患. */
  item: string;
  columns: readonly Column<K>[];
  /** This register's own instructions, after the kit's. */
  notes?: readonly string[];
}

/** A cell read for a record: text, a number, a yes/no, a code or an id. */
export type Value = string | number | boolean;

export const text = (max?: number): Kind => (max === undefined ? { type: 'text' } : { type: 'text', max });
export const number = (range: { min?: number; max?: number } = {}): Kind => ({ type: 'number', ...range });
export const integer = (range: { min?: number; max?: number } = {}): Kind => ({ type: 'integer', ...range });
export const date: Kind = { type: 'date' };
export const yesNo: Kind = { type: 'boolean' };
export const oneOf = (
  labels: Readonly<Record<string, string>>,
  aliases?: Readonly<Record<string, string>>,
): Kind => (aliases ? { type: 'enum', labels, aliases } : { type: 'enum', labels });
export const lookup = (
  choices: readonly { id: string; name: string }[],
  unknown?: (name: string) => string,
): Kind => (unknown ? { type: 'lookup', choices, unknown } : { type: 'lookup', choices });

/** Codes, phone numbers and dates are kept as typed: a text cell keeps its leading zeros. */
export const isTextCell = (kind: Kind) => kind.type !== 'number' && kind.type !== 'integer';

/** The answers a list column offers (its dropdown); null for free input. */
export function choicesOf(kind: Kind): string[] | null {
  switch (kind.type) {
    case 'enum':
      return Object.values(kind.labels);
    case 'boolean':
      return ['是', '否'];
    case 'lookup':
      return kind.choices.map((c) => c.name);
    default:
      return null;
  }
}

/** A cell as the text a user sees (formulas by their result, rich text joined). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return String(value.text).trim();
  return '';
}

/** A cell as an import keeps it: what it shows, without formulas, links or formatting. */
export type PlainCell = string | number | boolean | Date | null;

/** A cell's value without formulas, links or formatting, for reading and for copying into the receipt. */
export function plainValue(value: ExcelJS.CellValue): PlainCell {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date)
    return value ?? null;
  return cellText(value);
}

/**
 * Where each of these titles sits in a header row (1-based), by its first occurrence; a `*` mark
 * around a title is allowed.
 */
export function titlePositions(header: readonly PlainCell[], titles: readonly string[]): Map<number, string> {
  const positions = new Map<number, string>();
  const seen = new Set<string>();
  header.forEach((cell, i) => {
    const title = cellText(cell)
      .replace(/^\*+|\*+$/g, '')
      .trim();
    if (titles.includes(title) && !seen.has(title)) {
      positions.set(i + 1, title);
      seen.add(title);
    }
  });
  return positions;
}

const YES = ['是', 'true', 'y', 'yes'];
const NO = ['否', 'false', 'n', 'no'];
const DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Excel counts days from 1899-12-30; its last day is 9999-12-31. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_LAST_DAY = 2_958_465;

/**
 * `2024-08-15` from what people type (2024/8/15, 2024.8.15, 2024年8月15日, 20240815) or from a date
 * cell; a bare number is a date Excel stored in a cell formatted as text or general. Null if no real date.
 */
export function dateOf(value: ExcelJS.CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' && !COMPACT_DATE.test(String(value))) {
    if (value < 1 || value > EXCEL_LAST_DAY) return null;
    return new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const found = DATE.exec(cellText(value)) ?? COMPACT_DATE.exec(cellText(value));
  if (!found) return null;
  const [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3])];
  const iso = `${found[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const real = new Date(Date.UTC(year, month - 1, day));
  return real.toISOString().slice(0, 10) === iso ? iso : null;
}

export type Parsed = { value: Value } | { problem: string } | null;

function numberOf(kind: { type: 'integer' | 'number'; min?: number; max?: number }, text: string): Parsed {
  const n = Number(text.replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return { problem: `“${text}”不是数字，请填写数字` };
  if (kind.type === 'integer' && !Number.isInteger(n)) return { problem: `“${text}”不是整数，请填写整数` };
  if (kind.min !== undefined && n < kind.min) return { problem: `不能小于${kind.min}` };
  if (kind.max !== undefined && n > kind.max) return { problem: `不能大于${kind.max}` };
  return { value: n };
}

function codeOf(
  kind: { labels: Readonly<Record<string, string>>; aliases?: Readonly<Record<string, string>> },
  text: string,
) {
  const codes = Object.keys(kind.labels);
  return (
    codes.find((code) => kind.labels[code] === text) ??
    codes.find((code) => kind.aliases?.[code] === text) ??
    codes.find((code) => code === text)
  );
}

/** A cell read by its column's kind: its value, what is wrong with it, or null when it is empty. */
export function parseCell(kind: Kind, raw: ExcelJS.CellValue): Parsed {
  const cell = cellText(raw);
  if (cell === '') return null;
  switch (kind.type) {
    case 'text':
      if (kind.max !== undefined && Array.from(cell).length > kind.max)
        return { problem: `不能超过${kind.max}个字` };
      return { value: cell };
    case 'integer':
    case 'number':
      return numberOf(kind, cell);
    case 'date': {
      const iso = dateOf(raw);
      return iso ? { value: iso } : { problem: `“${cell}”不是有效日期，请按“2024-08-15”的格式填写` };
    }
    case 'boolean':
      if (YES.includes(cell.toLowerCase())) return { value: true };
      if (NO.includes(cell.toLowerCase())) return { value: false };
      return { problem: `“${cell}”无法识别，请填写“是”或“否”` };
    case 'enum': {
      const code = codeOf(kind, cell);
      if (code !== undefined) return { value: code };
      return {
        problem: `“${cell}”不是可选值，请从下拉列表中选择（${Object.values(kind.labels).join('、')}）`,
      };
    }
    case 'lookup': {
      const found = kind.choices.find((c) => c.name === cell);
      if (found) return { value: found.id };
      return { problem: kind.unknown?.(cell) ?? `未找到“${cell}”，请从下拉列表中选择` };
    }
  }
}

/**
 * A record's value as the sheet shows it, so an export imports back: an enumeration's code as its
 * label, a yes/no as 是/否. A lookup column is given the record's name, which is what it shows.
 */
export function cellOf(kind: Kind, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind.type) {
    case 'enum':
      return kind.labels[String(value)] ?? String(value);
    case 'boolean':
      return value === true ? '是' : '否';
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : String(value);
    default:
      return String(value);
  }
}

/** A column's header by its key, for messages about a field (a schema's, a service's). */
export function headerOf(columns: readonly Column[], key: string): string | undefined {
  return columns.find((c) => c.key === key)?.header;
}
