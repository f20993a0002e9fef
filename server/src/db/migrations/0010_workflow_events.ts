import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// The history of every record that moves on the shared workflow engine (obligations, campaigns,
// notice sign-off and the modules to come): one row per action, read per record in order. The
// hazard loop keeps its own hazard_events (millions of rows, its own prepared statements).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workflow_events')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('record_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(20)', (c) => c.notNull())
    .addColumn('to_state', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_org_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflow_events_record')
    .on('workflow_events')
    .columns(['record_kind', 'record_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('workflow_events').execute();
}
