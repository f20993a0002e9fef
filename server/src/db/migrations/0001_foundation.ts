import type { Kysely } from 'kysely';
import { binaryType, serialType } from '../dialect';

// Never edit an applied migration; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(32)', (c) => c.references('orgs.id'))
    .addColumn('path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(60)')
    .addColumn('region_code', 'varchar(6)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orgs_path').on('orgs').column('path').execute();
  await db.schema.createIndex('orgs_parent').on('orgs').column('parent_id').execute();
  await db.schema.createIndex('orgs_kind_region').on('orgs').columns(['kind', 'region_code']).execute();
  await db.schema.createIndex('orgs_kind_name').on('orgs').columns(['kind', 'name', 'id']).execute();

  await db.schema
    .createTable('division_regions')
    .addColumn('division_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('region_prefix', 'varchar(6)', (c) => c.notNull())
    .addPrimaryKeyConstraint('division_regions_pk', ['division_id', 'region_prefix'])
    .execute();

  await db.schema
    .createTable('mines')
    .addColumn('org_id', 'varchar(32)', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('uscc', 'varchar(18)', (c) => c.notNull().unique())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('mine_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('design_capacity', 'double precision')
    .addColumn('gas_grade', 'varchar(16)')
    .addColumn('hydro_type', 'varchar(16)')
    .addColumn('rock_burst', 'varchar(16)')
    .addColumn('combustion_tendency', 'varchar(16)')
    .addColumn('principal_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('principal_phone', 'varchar(20)', (c) => c.notNull())
    .addColumn('director_is_chairman', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('division_org_id', 'varchar(32)', (c) => c.references('orgs.id'))
    .addColumn('group_org_id', 'varchar(32)', (c) => c.references('orgs.id'))
    .addColumn('address', 'varchar(400)')
    .addColumn('longitude', 'double precision')
    .addColumn('latitude', 'double precision')
    .execute();
  await db.schema.createIndex('mines_group').on('mines').column('group_org_id').execute();
  await db.schema.createIndex('mines_division').on('mines').column('division_org_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)')
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_org').on('users').column('org_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(400)')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', serialType(db), (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(32)')
    .addColumn('actor_username', 'varchar(64)')
    .addColumn('actor_org_id', 'varchar(32)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(32)')
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('changes', 'text')
    .addColumn('ip', 'varchar(64)')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema
    .createIndex('audit_events_entity')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').column('actor_username').execute();

  await db.schema
    .createTable('import_receipts')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', binaryType(db), (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migration 0001 cannot be reverted; restore a backup instead');
}
