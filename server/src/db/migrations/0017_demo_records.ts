import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one. (0016 is taken by another branch.)
//
// Which records the demo seed wrote, so `seed --remove-demo` removes them and nothing else: the
// roots only (orgs it invented, users, campaigns, notices, hazards, investigations, account
// changes, files); what hangs off a root (obligations, deliveries, history) goes with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_records')
    .addColumn('table_name', 'varchar(40)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_records_pk', ['table_name', 'record_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_records').execute();
}
