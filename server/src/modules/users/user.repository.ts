import type { Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { containsInsensitive } from '../../db/dialect';
import type { UserTable } from '../../db/schema';

/**
 * Users with their org and roles, by username. `nowIso` tells which activation codes are still
 * usable (a user holding one has no password of their own yet).
 */
export async function listUsers(db: Db, filter: { q?: string; orgId?: string; id?: string }, nowIso: string) {
  const users = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.phone',
      'u.org_id',
      'o.name as org_name',
      'o.kind as org_kind',
      'u.active',
      'u.locked_until',
      'u.must_change_password',
      'u.last_login_at',
      eb
        .exists(
          eb
            .selectFrom('activation_codes as a')
            .select('a.id')
            .whereRef('a.user_id', '=', 'u.id')
            .where('a.used_at', 'is', null)
            .where('a.revoked_at', 'is', null)
            .where('a.expires_at', '>', nowIso),
        )
        .as('activation_pending'),
    ])
    .$if(filter.q !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          containsInsensitive(db as never, 'u.username', filter.q!),
          containsInsensitive(db as never, 'u.display_name', filter.q!),
        ]),
      ),
    )
    .$if(filter.orgId !== undefined, (q) => q.where('u.org_id', '=', filter.orgId!))
    .$if(filter.id !== undefined, (q) => q.where('u.id', '=', filter.id!))
    .orderBy('u.username')
    .limit(1000)
    .execute();
  const roles = users.length
    ? await db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({
    ...u,
    roles: roles
      .filter((r) => r.user_id === u.id)
      .map((r) => r.role)
      .sort(),
  }));
}

export type UserListRow = Awaited<ReturnType<typeof listUsers>>[number];

/** An account as a change of it is judged: its org's kind, whether it is active, its roles. */
export async function findAccount(db: Db, id: string) {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.phone', 'u.active', 'u.org_id', 'o.kind as org_kind'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return { ...user, roles: roles.map((r) => r.role).sort() };
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export async function insertUserRow(trx: Db, row: UserTable) {
  await trx.insertInto('users').values(row).execute();
}

/** Changes a user's row; false when there is no such user. */
export async function updateUserRow(trx: Db, id: string, set: Updateable<UserTable>): Promise<boolean> {
  const r = await trx.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Grants roles (each once). */
export async function insertRoles(trx: Db, userId: string, roles: readonly string[]) {
  for (const role of new Set(roles))
    await trx.insertInto('user_roles').values({ user_id: userId, role }).execute();
}

export async function deleteRoles(trx: Db, userId: string) {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
}

/** Ends every session of a user. */
export async function deleteSessionsOf(trx: Db, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
