import type { Db } from '../../db/database';
import { containsInsensitive } from '../../db/dialect';

export async function listUsers(db: Db, filter: { q?: string; orgId?: string }) {
  const users = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
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
