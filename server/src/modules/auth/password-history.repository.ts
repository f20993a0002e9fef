import type { Db } from '../../db/database';
import { newId } from '../../lib/ids';
import { deletePastNewest } from './auth.repository';

/** The user's earlier password hashes, newest first. */
export async function recentPasswordHashes(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Keeps a password hash the user is leaving, and forgets all but the newest `keep`. */
export async function insertPasswordHistory(
  trx: Db,
  row: { userId: string; passwordHash: string; at: string },
  keep: number,
): Promise<void> {
  await trx
    .insertInto('password_history')
    .values({ id: newId(), user_id: row.userId, password_hash: row.passwordHash, created_at: row.at })
    .execute();
  await deletePastNewest(trx, 'password_history', { userId: row.userId, keep });
}

export async function currentPasswordHash(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash;
}
