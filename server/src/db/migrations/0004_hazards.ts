import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hazard_catalogs')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('catalog_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(32)')
    .addUniqueConstraint('hazard_catalogs_key_version', ['catalog_key', 'version'])
    .execute();

  await db.schema
    .createTable('hazards')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('mine_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    // The mine's region when found: filters and the by-region dashboard read it without a join.
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('catalog_key', 'varchar(40)')
    .addColumn('catalog_version', 'integer')
    .addColumn('category_code', 'varchar(20)')
    .addColumn('item_code', 'varchar(20)')
    .addColumn('description', 'varchar(2000)', (c) => c.notNull())
    .addColumn('location', 'varchar(200)', (c) => c.notNull())
    .addColumn('found_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('found_by', 'varchar(60)', (c) => c.notNull())
    .addColumn('found_by_org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('source_ref', 'varchar(64)')
    .addColumn('self_reported', 'integer', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('production_stop', 'varchar(8)', (c) => c.notNull())
    .addColumn('stopped_area', 'varchar(200)')
    .addColumn('immediate_measures', 'varchar(2000)')
    .addColumn('mine_status_before', 'varchar(32)')
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('responsible_unit', 'varchar(100)')
    .addColumn('responsible_person', 'varchar(30)')
    .addColumn('measures', 'text')
    .addColumn('funds_fen', 'bigint')
    .addColumn('time_limit', 'varchar(10)')
    .addColumn('due_at', 'varchar(32)')
    .addColumn('contingency_plan', 'text')
    .addColumn('treatment_plan', 'text')
    .addColumn('extension_until', 'varchar(10)')
    .addColumn('extension_reason', 'varchar(2000)')
    .addColumn('extension_requested_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('closed_on', 'varchar(10)')
    .addColumn('days_to_close', 'integer')
    .addColumn('root_cause_category', 'varchar(32)')
    .addColumn('root_cause', 'varchar(2000)')
    .addColumn('closure', 'text')
    .addColumn('recurrence_of', 'varchar(32)')
    .addColumn('created_by', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // The list walks (found_on, id) in keyset order; per-mine reads, recurrence and by-mine scope use mine_id.
  await db.schema.createIndex('hazards_found').on('hazards').columns(['found_on', 'id']).execute();
  await db.schema.createIndex('hazards_updated').on('hazards').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('hazards_mine').on('hazards').columns(['mine_id', 'found_on']).execute();
  await db.schema.createIndex('hazards_region').on('hazards').columns(['region_code', 'found_on']).execute();
  // The dashboard's open / overdue counts and the 动态清零 curve.
  await db.schema
    .createIndex('hazards_level_state')
    .on('hazards')
    .columns(['level', 'state', 'due_at'])
    .execute();
  await db.schema.createIndex('hazards_closed').on('hazards').columns(['level', 'closed_on']).execute();
  await db.schema.createIndex('hazards_category').on('hazards').columns(['category_code', 'state']).execute();
  await db.schema.createIndex('hazards_recurrence').on('hazards').column('recurrence_of').execute();

  await db.schema
    .createTable('hazard_events')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('hazard_id', 'varchar(32)', (c) => c.notNull().references('hazards.id'))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(20)')
    .addColumn('to_state', 'varchar(20)')
    .addColumn('actor_user_id', 'varchar(32)')
    .addColumn('actor_org_id', 'varchar(32)')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hazard_events_hazard')
    .on('hazard_events')
    .columns(['hazard_id', 'id'])
    .execute();

  await db.schema
    .createTable('hazard_supervisions')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('hazard_id', 'varchar(32)', (c) => c.notNull().references('hazards.id'))
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('report_cadence', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(1000)')
    .addColumn('listed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('listed_by', 'varchar(32)')
    .addColumn('last_report_at', 'varchar(32)')
    .addColumn('last_notified_on', 'varchar(10)')
    .addColumn('removed_at', 'varchar(32)')
    .addColumn('removed_by', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('hazard_supervisions_hazard')
    .on('hazard_supervisions')
    .columns(['hazard_id', 'removed_at'])
    .execute();
  await db.schema
    .createIndex('hazard_supervisions_org')
    .on('hazard_supervisions')
    .columns(['org_id', 'removed_at'])
    .execute();

  await db.schema
    .createTable('hazard_investigations')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('mine_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('investigated_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('leader', 'varchar(30)', (c) => c.notNull())
    .addColumn('scope', 'varchar(2000)', (c) => c.notNull())
    .addColumn('participants', 'varchar(500)', (c) => c.notNull())
    .addColumn('hazard_ids', 'text', (c) => c.notNull())
    .addColumn('major_found', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('obligation_id', 'varchar(32)', (c) => c.references('obligations.id'))
    .addColumn('created_by', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('hazard_investigations_month', ['mine_id', 'month'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migration 0004 cannot be reverted; restore a backup instead');
}
