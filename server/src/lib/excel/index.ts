/**
 * The Excel kit: a register (台账) describes its columns; the kit makes its import template, reads
 * and checks uploads row by row, keeps the receipt of failed rows and streams exports.
 */
export * from './columns';
export {
  type CodeName,
  type ExportSheet,
  exportXlsx,
  registerCells,
  registerExport,
  writeXlsx,
} from './export';
export { type ImportJob, type ImportOutcome, type ImportResult, importRows } from './import';
export {
  type ExportOrigin,
  type FilterWords,
  filterWords,
  LEDGER_HEADER_ROW,
  NUMBER_TITLE,
  originLine,
  yesNoWord,
} from './ledger';
export { MAX_IMPORT_ROWS } from './limits';
export { messagesOf, type ReadSheet, readImport, recordOf, type SheetRow } from './read';
export { ERROR_TITLE, importReceipt, type RowError } from './receipt';
export { importTemplate } from './template';
export { type ExcelFile, type SheetColumn, sheetColumns } from './workbook';
