import type { Db } from '../../db/database';
import { prepared } from '../../db/prepared';
import type { SessionTable } from '../../db/schema-accounts';

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** A session with its user and org: every authenticated request asks, so it is built once (prepared). */
const sessionRow = prepared((db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id as sessionId',
      's.created_at',
      's.last_seen_at',
      'u.id as userId',
      'u.username',
      'u.display_name',
      'u.active',
      'u.must_change_password',
      'o.id as orgId',
      'o.kind as orgKind',
      'o.path as orgPath',
      'o.name as orgName',
      'o.region_code as regionCode',
    ])
    .where('s.id', '=', id),
);

export async function findSession(db: Db, id: string) {
  const [row] = await sessionRow(db, id);
  return row;
}

const userRoles = prepared((db, userId: string) =>
  db.selectFrom('user_roles').select('role').where('user_id', '=', userId),
);

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await userRoles(db, userId);
  return rows.map((r) => r.role).sort();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A successful login: when (the failure columns of users are no longer counted; login_throttles is). */
export async function recordLogin(trx: Db, userId: string, at: string) {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(trx: Db, row: SessionTable) {
  await trx.insertInto('sessions').values(row).execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function touchSession(db: Db, id: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** The user's own new password: no longer one to change at first login. */
export async function setOwnPassword(trx: Db, userId: string, passwordHash: string, at: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of a user but one. */
export async function deleteOtherSessions(trx: Db, userId: string, keepId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

/** Ends every session of a user; how many there were. */
export async function deleteSessionsOf(trx: Db, userId: string): Promise<number> {
  const result = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends a user's oldest sessions so that `keep` remain, the new one (`newId`) among them; how many ended. */
export function deleteOldestSessions(trx: Db, userId: string, newId: string, keep: number): Promise<number> {
  return deletePastNewest(trx, 'sessions', { userId, keep: keep - 1, except: newId });
}

/**
 * Deletes a user's rows of a table past the newest `keep` (by creation, then id), sparing `except`;
 * how many were deleted.
 */
export async function deletePastNewest(
  trx: Db,
  table: 'sessions' | 'password_history',
  rows: { userId: string; keep: number; except?: string },
): Promise<number> {
  const older = await trx
    .selectFrom(table)
    .select('id')
    .where('user_id', '=', rows.userId)
    .$if(rows.except !== undefined, (qb) => qb.where('id', '!=', rows.except!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(rows.keep)
    .limit(1000)
    .execute();
  if (older.length === 0) return 0;
  await trx
    .deleteFrom(table)
    .where(
      'id',
      'in',
      older.map((r) => r.id),
    )
    .execute();
  return older.length;
}
