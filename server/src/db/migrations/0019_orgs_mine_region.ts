import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// A county's mine list reads its own region's mines in name order (kind, region_code, name, id)
// instead of walking the province's by name, with the scope's columns in the index as in
// orgs_mine_list (0015), so the rows it skips are skipped in the index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('orgs_mine_region')
    .on('orgs')
    .columns(['kind', 'region_code', 'name', 'id', 'active', 'path', 'parent_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orgs_mine_region').execute();
}
