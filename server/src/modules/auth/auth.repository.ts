import type { Db } from '../../db/database';

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findSession(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id as sessionId',
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
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role).sort();
}

export async function coveredRegionsOf(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('division_regions')
    .select('region_prefix')
    .where('division_id', '=', orgId)
    .execute();
  return rows.map((r) => r.region_prefix).sort();
}
