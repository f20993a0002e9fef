import type { Db } from '../db/database';
import type { MineScopeFilter } from './access';

/** The facts of an org its jurisdiction is made of. */
export function findOrgFacts(db: Db, orgId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'kind', 'path', 'region_code'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}

/** The region prefixes a division covers, in order. */
export async function coveredRegionsOf(db: Db, divisionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('division_regions')
    .select('region_prefix')
    .where('division_id', '=', divisionId)
    .execute();
  return rows.map((r) => r.region_prefix).sort();
}

/** Groups owning at least one active mine that passes the mine filter. */
export async function groupsOwningMines(db: Db, mineFilter: MineScopeFilter): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select('m.group_org_id')
    .distinct()
    .where('m.group_org_id', 'is not', null)
    .where('o.active', '=', 1)
    .where(mineFilter)
    .execute();
  return rows.flatMap((r) => (r.group_org_id ? [r.group_org_id] : []));
}
