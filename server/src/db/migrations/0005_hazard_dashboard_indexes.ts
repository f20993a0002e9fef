import { type Kysely, sql } from 'kysely';

// Never edit an applied migration; add a new one.
//
// The dashboard at province scale (2 million hazards, about 2.5% major, a few percent open) reads
// only major or open hazards: partial indexes hold just those rows, with every column a dashboard
// figure reads, so each figure is one short index scan and never touches the table. They replace
// the two full-table indexes that planners otherwise preferred for the same predicates. Queries
// must spell the predicates as written here (`state <> 'closed'`, `level = 'major'`) for both
// SQLite and PostgreSQL to see that a partial index applies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hazards_closed').execute();
  await db.schema.dropIndex('hazards_level_state').execute();
  // Replaced by hazards_recurrences below, which holds only the recurrences.
  await db.schema.dropIndex('hazards_recurrence').execute();
  // Grouping by category must not walk this index over every row: only categorised rows are in it.
  await db.schema.dropIndex('hazards_category').execute();
  await db.schema
    .createIndex('hazards_category')
    .on('hazards')
    .columns(['category_code', 'found_on', 'id'])
    .where(sql.ref('category_code'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('hazards_major_found')
    .on('hazards')
    .columns(['found_on', 'state', 'closed_on', 'region_code', 'category_code', 'due_at', 'mine_id'])
    .where(sql.ref('level'), '=', sql.lit('major'))
    .execute();
  await db.schema
    .createIndex('hazards_major_closed')
    .on('hazards')
    .columns(['closed_on', 'region_code', 'days_to_close', 'mine_id'])
    .where((eb) =>
      eb.and([eb(sql.ref('level'), '=', sql.lit('major')), eb(sql.ref('closed_on'), 'is not', null)]),
    )
    .execute();
  await db.schema
    .createIndex('hazards_open')
    .on('hazards')
    .columns(['level', 'due_at', 'region_code', 'mine_id', 'id'])
    .where(sql.ref('state'), '<>', sql.lit('closed'))
    .execute();
  // Active listings only (a few percent of all): PostgreSQL answers a page's 督办 flag by hashing
  // them, which must not mean reading every listing ever made.
  await db.schema
    .createIndex('hazard_supervisions_active')
    .on('hazard_supervisions')
    .column('hazard_id')
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('hazards_recurrences')
    .on('hazards')
    .columns(['mine_id', 'found_on', 'region_code'])
    .where(sql.ref('recurrence_of'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'hazards_major_found',
    'hazards_major_closed',
    'hazards_open',
    'hazards_recurrences',
    'hazards_category',
    'hazard_supervisions_active',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.createIndex('hazards_category').on('hazards').columns(['category_code', 'state']).execute();
  await db.schema.createIndex('hazards_recurrence').on('hazards').column('recurrence_of').execute();
  await db.schema
    .createIndex('hazards_level_state')
    .on('hazards')
    .columns(['level', 'state', 'due_at'])
    .execute();
  await db.schema.createIndex('hazards_closed').on('hazards').columns(['level', 'closed_on']).execute();
}
