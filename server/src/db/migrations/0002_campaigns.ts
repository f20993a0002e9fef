import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('plan_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(32)')
    .addUniqueConstraint('plans_key_version', ['plan_key', 'version'])
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(32)', (c) => c.notNull().references('plans.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('issuer_org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('co_issuer_org_id', 'varchar(32)', (c) => c.references('orgs.id'))
    .addColumn('region_prefix', 'varchar(6)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('activated_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('obligations')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(32)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('duty_key', 'varchar(60)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_key', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_label', 'varchar(40)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('obligations_unique', ['campaign_id', 'duty_key', 'org_id', 'period_key'])
    .execute();
  await db.schema.createIndex('obligations_org').on('obligations').columns(['org_id', 'due_at']).execute();
  await db.schema
    .createIndex('obligations_board')
    .on('obligations')
    .columns(['campaign_id', 'duty_key', 'org_kind', 'state'])
    .execute();

  await db.schema
    .createTable('obligation_recipients')
    .addColumn('obligation_id', 'varchar(32)', (c) => c.notNull().references('obligations.id'))
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addPrimaryKeyConstraint('obligation_recipients_pk', ['obligation_id', 'org_id'])
    .execute();
  await db.schema
    .createIndex('obligation_recipients_org')
    .on('obligation_recipients')
    .column('org_id')
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('obligation_id', 'varchar(32)', (c) => c.notNull().references('obligations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('submitted_by', 'varchar(32)')
    .addColumn('reviewed_at', 'varchar(32)')
    .addColumn('reviewed_by', 'varchar(32)')
    .addColumn('reviewer_org_id', 'varchar(32)')
    .addColumn('review_comment', 'varchar(2000)')
    .addUniqueConstraint('submissions_version', ['obligation_id', 'version'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'varchar(2000)')
    .addColumn('link', 'varchar(300)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migration 0002 cannot be reverted; restore a backup instead');
}
