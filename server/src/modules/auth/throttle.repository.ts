import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { ThrottleScope } from './throttle.policy';

/** One counter: its scope and the address and username it counts ('' for the part it does not use). */
export interface ThrottleKey {
  scope: ThrottleScope;
  ip: string;
  username: string;
}

const matches = (key: ThrottleKey) => (eb: ExpressionBuilder<Database, 'login_throttles'>) =>
  eb.and([eb('scope', '=', key.scope), eb('ip', '=', key.ip), eb('username', '=', key.username)]);

/** The rows of these counters (absent ones are not returned). */
export function throttleRows(db: Db, keys: readonly ThrottleKey[]) {
  return db
    .selectFrom('login_throttles')
    .selectAll()
    .where((eb) => eb.or(keys.map((key) => matches(key)(eb))))
    .execute();
}

/**
 * Counts a failure in one statement, so two servers counting at once both count: the first
 * failure inserts 1, later ones add 1, one after the window starts over at 1. Returns the count.
 */
export async function countFailure(db: Db, key: ThrottleKey, windowStart: string, now: string) {
  const row = await db
    .insertInto('login_throttles')
    .values({ ...key, failures: 1, last_failed_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['scope', 'ip', 'username']).doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttles.last_failed_at', '<', windowStart)
          .then(1)
          .else(eb('login_throttles.failures', '+', 1))
          .end(),
        last_failed_at: now,
        updated_at: now,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Sets (or clears, with nulls) the wait and the lock a counter's failures lead to. */
export async function setPenalty(
  db: Db,
  key: ThrottleKey,
  penalty: { wait_until: string | null; locked_until: string | null },
) {
  await db.updateTable('login_throttles').set(penalty).where(matches(key)).execute();
}

/** Keeps a challenge on the counter (creating it with no failures if needed). */
export async function storeChallenge(
  db: Db,
  key: ThrottleKey,
  challenge: { salt: string; difficulty: number; expiresAt: string },
  now: string,
) {
  const set = {
    pow_salt: challenge.salt,
    pow_difficulty: challenge.difficulty,
    pow_expires_at: challenge.expiresAt,
    updated_at: now,
  };
  await db
    .insertInto('login_throttles')
    .values({ ...key, failures: 0, ...set })
    .onConflict((oc) => oc.columns(['scope', 'ip', 'username']).doUpdateSet(set))
    .execute();
}

/** Uses a challenge up: true for the one request that does, so a solution counts once on any server. */
export async function consumeChallenge(db: Db, key: ThrottleKey, salt: string, now: string) {
  const result = await db
    .updateTable('login_throttles')
    .set({ pow_salt: null, pow_difficulty: null, pow_expires_at: null })
    .where(matches(key))
    .where('pow_salt', '=', salt)
    .where('pow_expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteThrottle(db: Db, key: ThrottleKey) {
  await db.deleteFrom('login_throttles').where(matches(key)).execute();
}

/** Every counter of these usernames (or user ids), from every address. */
export async function deleteThrottlesOf(db: Db, usernames: readonly string[]) {
  await db
    .deleteFrom('login_throttles')
    .where('username', 'in', [...usernames])
    .execute();
}

/** Drops counters nothing touched since `before`: what they held no longer counts. */
export async function pruneThrottles(db: Db, before: string) {
  await db.deleteFrom('login_throttles').where('updated_at', '<', before).execute();
}

/** The usernames locked out from at least one address now. */
export async function lockedUsernames(db: Db, usernames: readonly string[], now: string) {
  if (usernames.length === 0) return [];
  const rows = await db
    .selectFrom('login_throttles')
    .select('username')
    .distinct()
    .where('scope', '=', 'login')
    .where('username', 'in', [...usernames])
    .where('locked_until', '>', now)
    .execute();
  return rows.map((r) => r.username);
}
