import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database, FileTable } from '../../db/schema';

export function insertFile(trx: Kysely<Database>, row: FileTable) {
  return trx.insertInto('files').values(row).execute();
}

export function findFile(db: Db, id: string) {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFiles(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('files')
    .select(['id', 'name', 'owner_org_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
