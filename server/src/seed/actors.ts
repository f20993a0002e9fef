import type { OrgKind, Role } from '@tiegui/domain';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';

/** The signed-in view of a demo account, for seeding through the same commands users run. */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'o.id as org_id', 'o.kind', 'o.path', 'o.region_code'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  const covered = await db
    .selectFrom('division_regions')
    .select('region_prefix')
    .where('division_id', '=', u.org_id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    roles: roles.map((r) => r.role as Role),
    orgId: u.org_id,
    orgKind: u.kind as OrgKind,
    orgPath: u.path,
    regionCode: u.region_code,
    coveredRegions: covered.map((c) => c.region_prefix),
    ip: null,
  };
}
