import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// A group's hazard page merges its mines' rows in (found_on, id) order; with the id in each mine's
// index (hazards_mine, same name, one column more) both databases read the branches in order from
// the index alone, with no sort per mine and no read of each row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hazards_mine').execute();
  await db.schema.createIndex('hazards_mine').on('hazards').columns(['mine_id', 'found_on', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hazards_mine').execute();
  await db.schema.createIndex('hazards_mine').on('hazards').columns(['mine_id', 'found_on']).execute();
}
