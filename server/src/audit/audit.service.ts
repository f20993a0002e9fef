import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import { lockedChainHead } from '../db/dialect';
import type { Database } from '../db/schema';
import { chainHead, insertEvent } from './audit.repository';
import { type ChainFields, GENESIS_HASH, keyedHash, storedText } from './audit-chain';
import { auditLogOf } from './audit-log';

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

export function auditActorOf(actor: Actor | null, ip: string | null = actor?.ip ?? null): AuditActor {
  return {
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    orgId: actor?.orgId ?? null,
    ip,
  };
}

/**
 * Appends one event to the chain, keyed with the audit key of the database (openAuditLog). Call
 * inside the transaction that makes the change. The hash is made over the fields as the database
 * will give them back (storedText), so a verifier reading the row computes the same hash.
 */
export async function appendAudit(
  trx: Kysely<Database>,
  who: AuditActor,
  input: AuditInput,
  at: Date,
): Promise<void> {
  const log = auditLogOf(trx);
  const last = await lockedChainHead(trx, async () => (await chainHead(trx))[0]);
  const fields: ChainFields = {
    at: at.toISOString(),
    actor_user_id: storedText(who.userId),
    actor_username: storedText(who.username ?? input.username ?? null),
    actor_org_id: storedText(who.orgId),
    action: storedText(input.action),
    entity_type: storedText(input.entityType ?? null),
    entity_id: storedText(input.entityId ?? null),
    // JSON.stringify writes lone surrogates and NUL as \u escapes: plain ASCII, stored as is.
    changes: input.changes === undefined ? null : JSON.stringify(input.changes),
    ip: storedText(who.ip),
    prev_hash: last?.hash ?? GENESIS_HASH,
    hash_alg: log.algorithm,
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
    fields.hash_alg,
    keyedHash(log.secret, fields),
  );
  log.appended();
}

/** Records an event in its own transaction (logins, denials: nothing else changes with them). */
export async function recordAudit(db: Db, who: AuditActor, input: AuditInput, at: Date): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, who, input, at));
}
