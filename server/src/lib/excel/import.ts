import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { Register } from './columns';
import { messagesOf, readImport, type SheetRow } from './read';
import { type RowError, receiptWorkbook } from './receipt';
import { insertImportReceipt } from './receipt.repository';
import type { ExcelFile } from './workbook';

/** What an import did, as its audit row records it. */
export interface ImportOutcome {
  total: number;
  imported: number;
  failed: number;
  receiptId: string | null;
}

export interface ImportResult extends ImportOutcome {
  errors: RowError[];
}

export interface ImportJob<K extends string> {
  register: Register<K>;
  upload: ExcelFile;
  /** The uploader: the only one who may download the receipt. */
  userId: string;
  /**
   * Turns a read row into a record and saves it, or adds to `row.problems` why not. An AppError
   * it throws fails the row with the error's message; any other error fails the import.
   */
  save: (row: SheetRow<K>) => Promise<void>;
  /** Writes the import's audit row, in the transaction that stores the receipt. */
  audit: (trx: Kysely<Database>, outcome: ImportOutcome, now: Date) => Promise<unknown>;
}

/**
 * Imports an upload row by row, each valid row saved as a single create would, and keeps a receipt
 * of the rows that failed for the uploader to download.
 */
export async function importRows<K extends string>(
  deps: { db: Db; clock: Clock },
  job: ImportJob<K>,
): Promise<ImportResult> {
  const { register, upload } = job;
  const { sheet, rows } = await readImport(register, upload);
  const errors: RowError[] = [];
  for (const row of rows) {
    try {
      await job.save(row);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      row.problems.push(...messagesOf(error, register.columns));
    }
    if (row.problems.length > 0) errors.push({ row: row.number, message: row.problems.join('；') });
  }

  const receiptId = errors.length > 0 ? newId() : null;
  const receipt = receiptId ? await receiptWorkbook(register, sheet, errors) : null;
  const outcome = {
    total: rows.length,
    imported: rows.length - errors.length,
    failed: errors.length,
    receiptId,
  };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (receiptId && receipt) {
      await insertImportReceipt(trx, {
        id: receiptId,
        user_id: job.userId,
        created_at: now.toISOString(),
        file_name: `${upload.fileName.replace(/\.xlsx$/i, '').slice(0, 150)}-错误回执.xlsx`,
        content: receipt,
      });
    }
    await job.audit(trx, outcome, now);
  });
  return { ...outcome, errors };
}
