import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// idempotency_keys: the first successful answer to a POST sent with an `Idempotency-Key`, per user,
// method and path, so a double click or a retried request gets that answer again instead of creating
// a second record. A row without a status is a request still being handled. Rows are kept 24 hours.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('route', 'varchar(400)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'route', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
