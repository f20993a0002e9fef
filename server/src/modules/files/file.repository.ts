import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import { fileLinkScope } from '../../access/file-scope';
import type { Db } from '../../db/database';
import type { Database, FileLinkTable, FileRecordKind, FileTable } from '../../db/schema';

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

/** Writes links; one already there (the same file in the same role of the same record) stays as it is. */
export function insertLinks(trx: Kysely<Database>, rows: readonly FileLinkTable[]) {
  if (rows.length === 0) return Promise.resolve();
  return trx
    .insertInto('file_links')
    .values([...rows])
    .onConflict((oc) => oc.columns(['record_kind', 'record_id', 'role', 'file_id']).doNothing())
    .execute();
}

export function deleteLinksOf(trx: Kysely<Database>, kind: FileRecordKind, recordId: string) {
  return trx
    .deleteFrom('file_links')
    .where('record_kind', '=', kind)
    .where('record_id', '=', recordId)
    .execute();
}

/** The files a record links, in every role. */
export function linkedFilesOf(trx: Kysely<Database>, kind: FileRecordKind, recordId: string) {
  return trx
    .selectFrom('file_links')
    .select('file_id')
    .distinct()
    .where('record_kind', '=', kind)
    .where('record_id', '=', recordId)
    .execute();
}

/** Of these files, those a record in the actor's scope links. */
export function filesReadableThroughLinks(db: Db, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('file_links as l')
    .select('l.file_id')
    .distinct()
    .where('l.file_id', 'in', [...new Set(ids)])
    .where(fileLinkScope(actor))
    .execute();
}
