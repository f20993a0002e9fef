import { PASSWORD_HISTORY, passwordProblem } from '@tiegui/domain';
import type { Db } from '../../db/database';
import { invalidField } from '../../lib/errors';
import { verifyPassword } from './password';
import {
  currentPasswordHash,
  insertPasswordHistory,
  recentPasswordHashes,
} from './password-history.repository';

/**
 * The rules a new password meets beyond its own characters (which the request schema checks): it
 * names not its user and is none of the user's last PASSWORD_HISTORY passwords. `current` is the
 * hash the user logs in with now, or null when it is no password of theirs (a reset or new account
 * waiting for activation). A 400 names the request's field by its label.
 */
export async function assertNewPassword(
  db: Db,
  user: { id: string; username: string; displayName: string; current: string | null },
  password: string,
  field: { key: string; label: string },
): Promise<void> {
  const problem = passwordProblem(password, { username: user.username, displayName: user.displayName });
  if (problem) throw invalidField(field.key, `${field.label}：${problem}`);
  const earlier = await recentPasswordHashes(db, user.id, PASSWORD_HISTORY);
  const recent = (user.current === null ? earlier : [user.current, ...earlier]).slice(0, PASSWORD_HISTORY);
  for (const hash of recent) {
    if (await verifyPassword(hash, password))
      throw invalidField(field.key, `${field.label}：不能使用最近${PASSWORD_HISTORY}次用过的密码`);
  }
}

/** Keeps the hash of the password a user is leaving (a change, or a reset of a password they chose). */
export function rememberPassword(trx: Db, userId: string, passwordHash: string, at: Date): Promise<void> {
  return insertPasswordHistory(trx, { userId, passwordHash, at: at.toISOString() }, PASSWORD_HISTORY);
}

/** Before a reset replaces it: the password the user logs in with now joins their history. */
export async function rememberCurrentPassword(trx: Db, userId: string, at: Date): Promise<void> {
  const current = await currentPasswordHash(trx, userId);
  if (current !== undefined) await rememberPassword(trx, userId, current, at);
}
