import type ExcelJS from 'exceljs';
import { type Column, isTextCell } from './columns';

/** An xlsx file going in or out: its (Chinese) name and its bytes. */
export interface ExcelFile {
  fileName: string;
  content: Buffer;
}

/** How a sheet's column is laid out, whether or not it imports. */
export interface SheetColumn {
  header: string;
  width?: number;
  /** Formatted as text, so codes and dates stay as typed. */
  text?: boolean;
  /** Shown with a red title. */
  required?: boolean;
}

declare module 'exceljs' {
  // exceljs keeps range validations here at runtime; its typings only know per-cell ones.
  interface Worksheet {
    dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
  }
}

export const RED = 'FFC00000';
export const DEFAULT_WIDTH = 14;

/** Headers of every sheet the kit writes: bold on a pale fill, red where a value is required. */
export function styleHeader(row: ExcelJS.Row, red: (index: number) => boolean) {
  row.height = 22;
  row.eachCell((cell, index) => {
    cell.font = { bold: true, color: { argb: red(index) ? RED : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

export const sheetColumns = (columns: readonly Column[]): SheetColumn[] =>
  columns.map((c) => ({ header: c.header, width: c.width, text: isTextCell(c.kind), required: c.required }));

/** A sheet with its header row laid out and frozen. */
export function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? DEFAULT_WIDTH,
    style: c.text ? { numFmt: '@' } : {},
  }));
  styleHeader(sheet.getRow(1), (i) => columns[i - 1]?.required === true);
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
