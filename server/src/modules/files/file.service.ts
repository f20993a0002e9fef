import { createHash } from 'node:crypto';
import { ADMIN_ROLES, fieldLabel, type StoredFile } from '@tiegui/domain';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { FileTable } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { filesReadableThroughLinks, findFile, findFiles, insertFile } from './file.repository';
import type { FileStore } from './file.store';
import { checkUpload, cleanFileName } from './file.types';

export interface FileDeps {
  db: Db;
  clock: Clock;
  store: FileStore;
  maxBytes: number;
}

export interface Upload {
  fileName: string;
  content: Buffer;
}

/** File ids are ULIDs; anything else is no file (answered 404 without asking the database). */
const FILE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

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

/** Its owner org, or anyone who may see a record that links it. */
async function mayRead(db: Db, actor: Actor, file: { id: string; owner_org_id: string }) {
  if (isAdminOnly(actor)) return false;
  if (file.owner_org_id === actor.orgId) return true;
  return (await filesReadableThroughLinks(db, actor, [file.id])).length > 0;
}

/** A file's name, type and bytes, for its owner org or anyone who may see a record linking it; 404 otherwise. Audited. */
export async function readFile(deps: FileDeps, actor: Actor, id: string) {
  const row = FILE_ID.test(id) ? await findFile(deps.db, id) : undefined;
  if (!row || !(await mayRead(deps.db, actor, row))) throw new OutOfScopeError('文件');
  const content = await deps.store.get(row.sha256);
  // Who read which file, never what it holds.
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    {
      action: 'file.downloaded',
      entityType: 'file',
      entityId: row.id,
      changes: { name: row.name, size: row.size },
    },
    deps.clock.now(),
  );
  return { name: row.name, mime: row.mime, content };
}

/** A file reference a record is about to keep, with where the request holds it (for a 400). */
export interface AttachRef {
  id: string;
  /** Stored name as the request gives it, to name the file in the message. */
  name?: string;
  /** The request's path to the reference (`photos.0.id`, a form field's path). */
  path: string;
  /** The Chinese label of the field holding it. */
  label: string;
}

/** The references of request fields that each hold a list of files, by their field names. */
export function fieldRefs(
  groups: Record<string, readonly { id: string; name: string }[] | undefined>,
): AttachRef[] {
  return Object.entries(groups).flatMap(([field, refs]) =>
    (refs ?? []).map((r, i) => ({
      id: r.id,
      name: r.name,
      path: `${field}.${i}.id`,
      label: fieldLabel([field]),
    })),
  );
}

/**
 * The one rule for the files a record is about to reference: each must exist, and the actor's org
 * must own it, or the record's own org (`recordOrgId`: a hazard's mine lends its uploads to whoever
 * acts on its hazard), or the actor must already read it through a record in scope (a city
 * forwarding the province's attachments). The last grants nothing new: whoever reads a file could
 * upload a copy of it. Returns the stored names by id; a 400 names the first reference refused.
 */
export async function assertAttachable(
  db: Db,
  actor: Actor,
  refs: readonly AttachRef[],
  options: { recordOrgId?: string } = {},
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await findFiles(
    db,
    refs.map((r) => r.id),
  );
  const owners = new Set([actor.orgId, options.recordOrgId]);
  const borrowed = rows.filter((r) => !owners.has(r.owner_org_id)).map((r) => r.id);
  const readable = new Set((await filesReadableThroughLinks(db, actor, borrowed)).map((r) => r.file_id));
  const usable = new Map(
    rows
      .filter((r) => !isAdminOnly(actor) && (owners.has(r.owner_org_id) || readable.has(r.id)))
      .map((r) => [r.id, r.name]),
  );
  const refused = refs.find((r) => !usable.has(r.id));
  if (refused) {
    const file = refused.name ? `文件“${refused.name}”` : '文件';
    throw invalidField(refused.path, `${refused.label}：${file}不存在或无权使用，请重新上传`);
  }
  return usable;
}
