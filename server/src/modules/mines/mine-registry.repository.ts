import type { Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { MineTable, OrgTable } from '../../db/schema';

export async function insertMineRow(trx: Db, row: MineTable) {
  await trx.insertInto('mines').values(row).execute();
}

export async function updateMineRow(trx: Db, mineId: string, set: Updateable<MineTable>) {
  await trx.updateTable('mines').set(set).where('org_id', '=', mineId).execute();
}

/** Changes the org row of a mine (its name, region, place in the tree, active flag, stamp). */
export async function updateMineOrg(trx: Db, mineId: string, set: Updateable<OrgTable>) {
  await trx.updateTable('orgs').set(set).where('id', '=', mineId).execute();
}

/** Keeps the region a mine's hazards carry equal to the mine's. */
export async function setHazardsRegion(trx: Db, mineId: string, regionCode: string) {
  await trx.updateTable('hazards').set({ region_code: regionCode }).where('mine_id', '=', mineId).execute();
}

/** Every region prefix each division covers. */
export function divisionRegions(db: Db) {
  return db.selectFrom('division_regions').select(['division_id', 'region_prefix']).execute();
}

/** Active city and county bureaus a mine may be placed under (within a path, if given), by region. */
export function supervisorChoices(db: Db, underPath: string | null) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'region_code'])
    .where('kind', 'in', ['city', 'county'])
    .where('active', '=', 1)
    .$if(underPath !== null, (q) => q.where('path', 'like', `${underPath}%`))
    .orderBy('region_code')
    .execute();
}

/** Active orgs of one kind, by name. */
export function activeOrgsOfKind(db: Db, kind: 'division' | 'group') {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', kind)
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}
