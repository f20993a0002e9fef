import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// password_history: the hashes of a user's earlier passwords (argon2id, as users.password_hash), so
// the last ones cannot be chosen again; only the newest few per user are kept.
//
// audit_refusals: refused requests (403/404 on records) counted per (user, method, route, status)
// over a window instead of one audit event each. The first refusal of a window is an audit event at
// once; the repeats are counted here, a table that may be updated (audit_events may not), and become
// one audit event with their count when the window closes (docs/AUDIT.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_refusals')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('actor_user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_username', 'varchar(64)')
    .addColumn('actor_org_id', 'varchar(32)')
    .addColumn('method', 'varchar(8)', (c) => c.notNull())
    .addColumn('route', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_url', 'varchar(400)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('repeats', 'integer', (c) => c.notNull())
    .addUniqueConstraint('audit_refusals_key', ['actor_user_id', 'method', 'route', 'status'])
    .execute();
  await db.schema.createIndex('audit_refusals_first').on('audit_refusals').column('first_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_refusals').execute();
  await db.schema.dropTable('password_history').execute();
}
