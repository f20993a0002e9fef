import type { Updateable } from 'kysely';
import { orgScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { OrgTable } from '../../db/schema';

export interface OrgRow {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  region_code: string | null;
  active: number;
  path: string;
}

/** The org columns every read here returns (an `OrgRow`). */
function orgQuery(db: Db) {
  return db
    .selectFrom('orgs as o')
    .select([
      'o.id',
      'o.parent_id',
      'o.kind',
      'o.name',
      'o.short_name',
      'o.region_code',
      'o.active',
      'o.path',
    ]);
}

export function listOrgs(db: Db, actor: Actor, filter: { kind?: string; includeMines: boolean }) {
  return orgQuery(db)
    .where(orgScope(actor))
    .$if(filter.kind !== undefined, (q) => q.where('o.kind', '=', filter.kind!))
    .$if(!filter.includeMines && filter.kind !== 'mine', (q) => q.where('o.kind', '!=', 'mine'))
    .orderBy('o.path')
    .execute();
}

export function findOrgInScope(db: Db, actor: Actor, id: string) {
  return orgQuery(db).where('o.id', '=', id).where(orgScope(actor)).executeTakeFirst();
}

export function findOrg(db: Db, id: string) {
  return orgQuery(db).where('o.id', '=', id).executeTakeFirst();
}

export async function coveredRegionsByDivision(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('division_regions')
    .select(['division_id', 'region_prefix'])
    .where('division_id', 'in', [...ids])
    .orderBy('region_prefix')
    .execute();
  for (const r of rows) map.set(r.division_id, [...(map.get(r.division_id) ?? []), r.region_prefix]);
  return map;
}

/** An org's materialized path (the org must exist). */
export async function findOrgPath(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirstOrThrow();
  return row.path;
}

export async function insertOrgRow(trx: Db, row: OrgTable) {
  await trx.insertInto('orgs').values(row).execute();
}

export async function updateOrgRow(trx: Db, id: string, set: Updateable<OrgTable>) {
  await trx.updateTable('orgs').set(set).where('id', '=', id).execute();
}

/** Records the region prefixes a division covers (each once). */
export async function insertCoveredRegions(trx: Db, divisionId: string, prefixes: readonly string[]) {
  for (const prefix of new Set(prefixes))
    await trx
      .insertInto('division_regions')
      .values({ division_id: divisionId, region_prefix: prefix })
      .execute();
}

export async function deleteCoveredRegions(trx: Db, divisionId: string) {
  await trx.deleteFrom('division_regions').where('division_id', '=', divisionId).execute();
}
