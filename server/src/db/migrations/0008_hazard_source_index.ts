import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// A filter on the source (from tips, from inspections) had no index: counting a province's tips
// up to the count's cap walked half a million rows of 2 million (1.5 s on SQLite, holding the one
// process), and a page of them walked the province's order. This index holds every hazard by its
// source in the list's order, with the columns the scope reads, so such a count is a range of the
// index and such a page walks only that source.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('hazards_source_order')
    .on('hazards')
    .columns(['source', 'found_on', 'id', 'region_code', 'mine_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hazards_source_order').execute();
}
