import { createHash, createHmac, getHashes } from 'node:crypto';
import type { Database } from '../db/schema';

/** The link before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The algorithm of rows written before the chain was keyed (0011_audit_integrity). */
export const UNKEYED = 'sha256';

/** Every recorded field of an event, as stored and as read back. */
export type ChainFields = Pick<
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
  | 'hash_alg'
>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters replaced
const UNSTORABLE = /[\p{Surrogate}\u0000]/gu;

/**
 * A text as either database gives it back: both write a lone surrogate as U+FFFD (UTF-8 has no
 * form for it) and PostgreSQL refuses NUL, which SQLite would keep. The edge refuses both in
 * requests (http/text-guard.ts); this covers text the server makes itself, so that what is
 * hashed is exactly what is stored. Well-formed text without NUL is returned unchanged.
 */
export function storedText(text: string): string;
export function storedText(text: string | null): string | null;
export function storedText(text: string | null): string | null {
  return text === null ? null : text.replace(UNSTORABLE, '\uFFFD');
}

/** The recorded fields after the link, in the order every hash takes them. */
const FIELDS = [
  'at',
  'actor_user_id',
  'actor_username',
  'actor_org_id',
  'action',
  'entity_type',
  'entity_id',
  'changes',
  'ip',
] as const;

const fieldValues = (e: ChainFields) => FIELDS.map((f) => e[f]);

/** The hash of rows written before the key: sha256 over the previous hash and the fields. */
export function unkeyedHash(e: ChainFields): string {
  return createHash('sha256')
    .update(JSON.stringify([e.prev_hash, ...fieldValues(e)]))
    .digest('hex');
}

/** Whether this machine can compute a row's algorithm (SM3 depends on the OpenSSL build). */
export function canVerify(alg: string): boolean {
  if (alg === UNKEYED || alg === 'hmac-sha256') return true;
  return alg === 'hmac-sm3' && getHashes().includes('sm3');
}

const keyedCanonical = (e: ChainFields) => JSON.stringify([e.hash_alg, e.prev_hash, ...fieldValues(e)]);

/**
 * The hash of a keyed row: HMAC (SM3 or SHA-256, as `hash_alg` says) with the audit key over the
 * algorithm, the previous hash and every field, so no field, link or algorithm can change without
 * the key.
 */
export function keyedHash(secret: Buffer, e: ChainFields): string {
  return createHmac(e.hash_alg.replace(/^hmac-/, ''), secret)
    .update(keyedCanonical(e))
    .digest('hex');
}

/** The hash a row should carry by its own algorithm. */
export function expectedHash(secret: Buffer, e: ChainFields): string {
  return e.hash_alg === UNKEYED ? unkeyedHash(e) : keyedHash(secret, e);
}

/**
 * Whether a hash is plain sha256 of the row, as someone without the key would recompute it
 * (over the unkeyed or the keyed field list).
 */
export function isUnkeyedRehash(e: ChainFields, hash: string): boolean {
  return hash === unkeyedHash(e) || hash === createHash('sha256').update(keyedCanonical(e)).digest('hex');
}
