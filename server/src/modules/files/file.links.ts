import type { Kysely } from 'kysely';
import type { Database, FileRecordKind } from '../../db/schema';
import { deleteLinksOf, insertLinks, linkedFilesOf } from './file.repository';

/**
 * Records that a record references files in one of its fields (`role`), in the record's own
 * transaction, so whoever may see the record may read them (access/file-scope.ts).
 */
export function linkFiles(
  trx: Kysely<Database>,
  kind: FileRecordKind,
  recordId: string,
  role: string,
  refs: readonly { id: string }[],
  now: Date,
) {
  const created_at = now.toISOString();
  return insertLinks(
    trx,
    [...new Set(refs.map((r) => r.id))].map((file_id) => ({
      file_id,
      record_kind: kind,
      record_id: recordId,
      role,
      created_at,
    })),
  );
}

/** Forgets every link of a record whose references are about to be written anew (a draft saved again). */
export function unlinkRecord(trx: Kysely<Database>, kind: FileRecordKind, recordId: string) {
  return deleteLinksOf(trx, kind, recordId);
}

/** Links to one record, under `role`, every file another record of the same kind links. */
export async function carryFileLinks(
  trx: Kysely<Database>,
  kind: FileRecordKind,
  fromId: string,
  toId: string,
  role: string,
  now: Date,
) {
  const carried = await linkedFilesOf(trx, kind, fromId);
  await linkFiles(
    trx,
    kind,
    toId,
    role,
    carried.map((l) => ({ id: l.file_id })),
    now,
  );
}
