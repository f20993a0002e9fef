import { type Kysely, sql } from 'kysely';

// Never edit an applied migration; add a new one.
//
// A filtered page walks the list's order (found_on, id) until it has a page. Filtered to open or
// major hazards (a few percent of 2 million), a county's page walked almost the whole table to
// find 50 (1.6 s for its overdue hazards). These partial indexes hold just the open and just the
// major hazards in that order, with the columns the scope and the usual filters read (the open
// ones hold every column hazards_open does, so the dashboard may read either), so such a page
// walks only them.
// The list spells the predicates with the same literals (hazard.repository.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('hazards_open_order')
    .on('hazards')
    .columns(['found_on', 'id', 'region_code', 'mine_id', 'level', 'due_at', 'state'])
    .where(sql.ref('state'), '<>', sql.lit('closed'))
    .execute();
  await db.schema
    .createIndex('hazards_major_order')
    .on('hazards')
    .columns(['found_on', 'id', 'region_code', 'mine_id', 'state'])
    .where(sql.ref('level'), '=', sql.lit('major'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hazards_major_order').execute();
  await db.schema.dropIndex('hazards_open_order').execute();
}
