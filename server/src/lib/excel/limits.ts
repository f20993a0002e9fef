/**
 * What one import may cost the server, all in one place (docs/API.md lists them). An upload is at most
 * 10 MB, but zipped XML can unpack a thousandfold: a file is refused by what it unpacks to, not by what
 * it weighs. A real 台账 of MAX_IMPORT_ROWS rows stays far below every limit here.
 */

/** One import at most: beyond this a file is several imports' worth (and a slow request). */
export const MAX_IMPORT_ROWS = 5000;
/** Rows of every sheet read, blank or not: the point where reading stops. */
export const MAX_SHEET_ROWS = 20_000;
/** Cells of every sheet read, counted as Excel lays them out (up to each row's last cell). */
export const MAX_SHEET_CELLS = 500_000;
/** The whole workbook unpacked: as the zip declares it, then as counted while it inflates. */
export const MAX_UNPACKED_MB = 64;
export const MAX_UNPACKED_BYTES = MAX_UNPACKED_MB * 1024 * 1024;
/** Unpacked / packed size of one part past which it is not a spreadsheet Excel saved (a zip bomb). */
export const MAX_COMPRESSION_RATIO = 200;
/** Parts smaller than this are not judged by their ratio: small XML packs well and costs nothing. */
export const RATIO_FROM_BYTES = 1024 * 1024;

/** Workers reading uploads at once, each with its own heap; more wait in line. */
export const SHEET_WORKERS = 2;
/** Uploads waiting for a worker; one more is answered 503 at once. */
export const SHEET_QUEUE = 8;
/** A worker's heap: a file that needs more is refused, and only that worker dies. */
export const SHEET_WORKER_HEAP_MB = 256;
/** A file still being read after this is refused and its worker stopped. */
export const SHEET_READ_TIMEOUT_MS = 60_000;
/** An idle worker is stopped after this, giving its memory back. */
export const SHEET_WORKER_IDLE_MS = 60_000;

/** Why a workbook is refused before its rows are checked. */
export type Refusal = 'unreadable' | 'unpacked' | 'ratio' | 'rows' | 'cells' | 'tooComplex';

/** A refusal as the uploader reads it, naming the file. */
export function refusalMessage(refusal: Refusal, fileName: string): string {
  const file = `“${fileName}”`;
  switch (refusal) {
    case 'unreadable':
      return `${file}无法读取，文件可能已损坏，请用Excel重新保存后上传`;
    case 'unpacked':
      return `${file}表格过大（解压后超过${MAX_UNPACKED_MB}MB），请删除无关的工作表和图片，或分批导入`;
    case 'ratio':
      return `${file}的压缩比异常（超过${MAX_COMPRESSION_RATIO}倍），不像是Excel保存的表格，请用Excel重新保存后上传`;
    case 'rows':
      return `${file}超过${MAX_SHEET_ROWS}行（空行也计算在内），一次最多导入${MAX_IMPORT_ROWS}行，请删除多余的行或分成几个文件`;
    case 'cells':
      return `${file}超过${MAX_SHEET_CELLS}个单元格，表格过大，请删除无关的列和空行，或分成几个文件`;
    case 'tooComplex':
      return `${file}过于复杂，无法在规定时间和内存内读取，请只保留导入模板中的工作表，或分成几个文件`;
  }
}
