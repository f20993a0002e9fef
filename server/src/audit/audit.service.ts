import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import { lockAuditChain } from '../db/dialect';
import type { Database } from '../db/schema';
import { auditEventsAfter, chainHead, insertEvent } from './audit.repository';

export interface AuditInput {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  changes?: unknown;
  /** For events without a signed-in actor (failed login): who it was about. */
  username?: string | null;
}

export interface AuditActor {
  userId: string | null;
  username: string | null;
  orgId: string | null;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

type ChainFields = Pick<
  Database['audit_events'],
  | 'at'
  | 'actor_user_id'
  | 'actor_username'
  | 'actor_org_id'
  | 'action'
  | 'entity_type'
  | 'entity_id'
  | 'changes'
  | 'ip'
  | 'prev_hash'
>;

/** The hash of one event: over the previous hash and every recorded field, in a fixed order. */
export function eventHash(e: ChainFields): string {
  const canonical = JSON.stringify([
    e.prev_hash,
    e.at,
    e.actor_user_id,
    e.actor_username,
    e.actor_org_id,
    e.action,
    e.entity_type,
    e.entity_id,
    e.changes,
    e.ip,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function auditActorOf(actor: Actor | null, ip: string | null = actor?.ip ?? null): AuditActor {
  return {
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    orgId: actor?.orgId ?? null,
    ip,
  };
}

/** Appends one event to the chain. Call inside the transaction that makes the change. */
export async function appendAudit(
  trx: Kysely<Database>,
  who: AuditActor,
  input: AuditInput,
  at: Date,
): Promise<void> {
  await lockAuditChain(trx as Kysely<unknown>);
  const [last] = await chainHead(trx);
  const fields: ChainFields = {
    at: at.toISOString(),
    actor_user_id: who.userId,
    actor_username: who.username ?? input.username ?? null,
    actor_org_id: who.orgId,
    action: input.action,
    entity_type: input.entityType ?? null,
    entity_id: input.entityId ?? null,
    changes: input.changes === undefined ? null : JSON.stringify(input.changes),
    ip: who.ip,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await insertEvent(
    trx,
    fields.at,
    fields.actor_user_id,
    fields.actor_username,
    fields.actor_org_id,
    fields.action,
    fields.entity_type,
    fields.entity_id,
    fields.changes,
    fields.ip,
    fields.prev_hash,
    eventHash(fields),
  );
}

/** Records an event in its own transaction (logins, denials: nothing else changes with them). */
export async function recordAudit(db: Db, who: AuditActor, input: AuditInput, at: Date): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, who, input, at));
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  reason: string | null;
}

/** Walks the whole chain in order; names the first event whose link or content does not hold. */
export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let after = -1;
  for (;;) {
    const batch = await auditEventsAfter(db, after, 5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          brokenAt: row.seq,
          reason: '与前一条记录的链接不符（记录被删除或插入）',
        };
      }
      if (eventHash(row) !== row.hash) {
        return { ok: false, checked, brokenAt: row.seq, reason: '记录内容与其哈希不符（记录被修改）' };
      }
      prev = row.hash;
      checked++;
      after = row.seq;
    }
  }
  return { ok: true, checked, brokenAt: null, reason: null };
}
