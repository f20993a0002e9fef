import { createHash } from 'node:crypto';
import { ADMIN_ROLES, type StoredFile } from '@tiegui/domain';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { FileTable } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { findFile, findFiles, insertFile } from './file.repository';
import type { FileStore } from './file.store';
import { checkUpload, cleanFileName } from './file.types';

/**
 * Says whether the actor may read a file because a record it may see references it (a notice's
 * attachments, a submission's files). Features register theirs with the routes; files knows none.
 */
export type FileReferrer = (db: Db, actor: Actor, fileId: string) => Promise<boolean>;

export interface FileDeps {
  db: Db;
  clock: Clock;
  store: FileStore;
  maxBytes: number;
  referrers: readonly FileReferrer[];
}

export interface Upload {
  fileName: string;
  content: Buffer;
}

/** File ids are ULIDs; anything else is no file (and never reaches a LIKE pattern). */
export const FILE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const isAdminOnly = (actor: Actor) => actor.roles.every((r) => ADMIN_ROLES.includes(r));

function present(row: FileTable): StoredFile {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

/** Stores an upload of the actor's org after checking its name, size and content type. */
export async function uploadFile(deps: FileDeps, actor: Actor, upload: Upload): Promise<StoredFile> {
  if (isAdminOnly(actor)) throw forbidden('管理员账号不上传业务文件');
  const name = cleanFileName(upload.fileName);
  if (name === '') throw invalidField('file', '文件：文件名不能为空');
  const check = checkUpload(name, upload.content, deps.maxBytes);
  if (!check.ok) throw invalidField('file', check.message);
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  // The bytes first: a row never points at content that is not there.
  await deps.store.put(sha256, upload.content);
  const now = deps.clock.now();
  const row: FileTable = {
    id: newId(),
    sha256,
    name,
    mime: check.mime,
    size: upload.content.length,
    owner_org_id: actor.orgId,
    uploaded_by: actor.userId,
    created_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertFile(trx, row);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: row.id,
        changes: { name, size: row.size, sha256 },
      },
      now,
    );
  });
  return present(row);
}

async function mayRead(
  deps: Pick<FileDeps, 'db' | 'referrers'>,
  actor: Actor,
  file: { id: string; owner_org_id: string },
) {
  if (isAdminOnly(actor)) return false;
  if (file.owner_org_id === actor.orgId) return true;
  for (const referrer of deps.referrers) if (await referrer(deps.db, actor, file.id)) return true;
  return false;
}

/** A file's name, type and bytes, for its owner org or anyone who may see a record referencing it; 404 otherwise. */
export async function readFile(deps: FileDeps, actor: Actor, id: string) {
  const row = FILE_ID.test(id) ? await findFile(deps.db, id) : undefined;
  if (!row || !(await mayRead(deps, actor, row))) throw new OutOfScopeError('文件');
  return { name: row.name, mime: row.mime, content: await deps.store.get(row.sha256) };
}

/**
 * Checks the files a record is about to reference: each must exist and be readable by the actor.
 * Returns the stored names by id; throws a 400 naming `<field>.<i>.id` for the first that is not.
 */
export async function assertFilesUsable(
  deps: Pick<FileDeps, 'db' | 'referrers'>,
  actor: Actor,
  refs: readonly { id: string }[],
  field: string,
): Promise<Map<string, string>> {
  const rows = new Map(
    (
      await findFiles(
        deps.db,
        refs.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  for (const [i, ref] of refs.entries()) {
    const row = rows.get(ref.id);
    if (!row || !(await mayRead(deps, actor, row))) {
      throw invalidField(`${field}.${i}.id`, '附件：文件不存在或无权使用，请重新上传');
    }
  }
  return new Map([...rows.values()].map((r) => [r.id, r.name]));
}
