import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database, ImportReceiptTable } from '../../db/schema';

export function insertImportReceipt(trx: Kysely<Database>, row: ImportReceiptTable) {
  return trx.insertInto('import_receipts').values(row).execute();
}

/** A receipt, only for the user who uploaded the file. */
export function findImportReceipt(db: Db, id: string, userId: string) {
  return db
    .selectFrom('import_receipts')
    .select(['file_name', 'content'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
