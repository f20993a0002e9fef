import { type Kysely, sql } from 'kysely';
import { isPostgres, rebuildHazardSearch } from '../dialect';

// Never edit an applied migration; add a new one.
//
// 全文检索 of hazards' description and location (see dialect.ts and @tiegui/domain's search
// rules): a LIKE '%…%' walks the whole province for a rare word at 2 million hazards. Indexes
// the hazards already there; a later change to the tokens needs a migration that calls
// rebuildHazardSearch again.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .createTable('hazard_search')
      .addColumn('hazard_id', 'varchar(32)', (c) => c.notNull().references('hazards.id'))
      .addColumn('part', 'integer', (c) => c.notNull())
      .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('hazard_search_pk', ['hazard_id', 'part'])
      .execute();
    // Filled before the GIN index exists: one build instead of millions of insertions.
    await rebuildHazardSearch(db);
    await db.schema
      .createIndex('hazard_search_tokens')
      .on('hazard_search')
      .using('gin')
      .column('tokens')
      .execute();
    return;
  }
  await db.schema
    .createTable('hazard_search_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('hazard_id', 'varchar(32)', (c) => c.notNull().unique().references('hazards.id'))
    .execute();
  // No content (the tokens are not stored twice), no document sizes (no ranking); positions for
  // phrases; the 4-character prefix of every token is one character's code.
  await sql`create virtual table hazard_search using fts5(description, location, content='', columnsize=0, detail=full, prefix='4', tokenize='ascii')`.execute(
    db,
  );
  await rebuildHazardSearch(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hazard_search').execute();
  if (!isPostgres(db)) await db.schema.dropTable('hazard_search_keys').execute();
}
