import type { Kysely } from 'kysely';

// Never edit an applied migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('owner_org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('uploaded_by', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_sha').on('files').column('sha256').execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(32)', (c) => c.references('campaigns.id'))
    .addColumn('parent_notice_id', 'varchar(32)', (c) => c.references('notices.id'))
    .addColumn('root_notice_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(60)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('issuer_org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('co_issuer_org_id', 'varchar(32)', (c) => c.references('orgs.id'))
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('reply_due_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(32)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_root').on('notices').column('root_notice_id').execute();
  await db.schema.createIndex('notices_parent').on('notices').column('parent_notice_id').execute();

  await db.schema
    .createTable('notice_deliveries')
    .addColumn('notice_id', 'varchar(32)', (c) => c.notNull().references('notices.id'))
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('delivered_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .addColumn('signed_at', 'varchar(32)')
    .addColumn('signed_by', 'varchar(32)')
    .addColumn('forwarded_notice_id', 'varchar(32)')
    .addColumn('last_urged_at', 'varchar(32)')
    .addPrimaryKeyConstraint('notice_deliveries_pk', ['notice_id', 'org_id'])
    .execute();
  await db.schema.createIndex('notice_deliveries_org').on('notice_deliveries').column('org_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migration 0003 cannot be reverted; restore a backup instead');
}
