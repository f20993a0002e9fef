import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
//
// 三员: the system administrator's account changes as requests another administrator approves
// (their history is on workflow_events), and the one-time activation codes with which a user sets
// their own password after a reset or on a new account (kept only as a hash).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_changes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('change', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('approvals', 'varchar(8)', (c) => c.notNull())
    .addColumn('approver_role', 'varchar(32)', (c) => c.notNull())
    .addColumn('target_user_id', 'varchar(32)', (c) => c.references('users.id'))
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('reason', 'varchar(400)')
    .addColumn('requested_by', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_approved_by', 'varchar(32)', (c) => c.references('users.id'))
    .addColumn('first_approved_at', 'varchar(32)')
    .addColumn('decided_by', 'varchar(32)', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('comment', 'varchar(400)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_changes_state')
    .on('account_changes')
    .columns(['state', 'approver_role', 'id'])
    .execute();
  await db.schema
    .createIndex('account_changes_requester')
    .on('account_changes')
    .columns(['requested_by', 'id'])
    .execute();
  await db.schema
    .createIndex('account_changes_target')
    .on('account_changes')
    .columns(['target_user_id', 'state'])
    .execute();

  await db.schema
    .createTable('activation_codes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('issued_by', 'varchar(32)', (c) => c.references('users.id'))
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('activation_codes_user').on('activation_codes').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('activation_codes').execute();
  await db.schema.dropTable('account_changes').execute();
}
