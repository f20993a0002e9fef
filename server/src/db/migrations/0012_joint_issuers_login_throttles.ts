import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids';

// Never edit an applied migration; add a new one.
//
// joint_issuers: the pairs of orgs that may issue a notice or a campaign together (联合发文), one row
// per pair whichever org issues (org_id < partner_org_id). A database that already holds the orgs
// of the default pair (DEFAULT_JOINT_ISSUERS, copied here as it stood) gets it here; a new one gets
// it from the seed that creates them.
//
// login_throttles: failed logins and password changes counted per (scope, ip, username), with the
// wait, the lock and the proof-of-work challenge they lead to. In the database, so every server of
// a deployment sees the same counts; rows with nothing recent are pruned.
interface Tables {
  orgs: { id: string; name: string };
  joint_issuers: {
    id: string;
    org_id: string;
    partner_org_id: string;
    created_at: string;
    created_by: string | null;
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('joint_issuers')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('partner_org_id', 'varchar(32)', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(32)')
    .addUniqueConstraint('joint_issuers_pair', ['org_id', 'partner_org_id'])
    .execute();
  await db.schema.createIndex('joint_issuers_partner').on('joint_issuers').column('partner_org_id').execute();

  await db.schema
    .createTable('login_throttles')
    .addColumn('scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', 'varchar(32)')
    .addColumn('wait_until', 'varchar(32)')
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('pow_salt', 'varchar(64)')
    .addColumn('pow_difficulty', 'integer')
    .addColumn('pow_expires_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttles_pk', ['scope', 'ip', 'username'])
    .execute();
  await db.schema.createIndex('login_throttles_username').on('login_throttles').column('username').execute();
  await db.schema.createIndex('login_throttles_updated').on('login_throttles').column('updated_at').execute();

  // The migration sees the database without the app's table types.
  const typed = db as unknown as Kysely<Tables>;
  const idOf = async (name: string) =>
    (await typed.selectFrom('orgs').select('id').where('name', '=', name).orderBy('id').executeTakeFirst())
      ?.id;
  const a = await idOf('国家矿山安全监察局山西局');
  const b = await idOf('山西省应急管理厅');
  if (a && b) {
    const [orgId, partnerId] = a < b ? [a, b] : [b, a];
    await typed
      .insertInto('joint_issuers')
      .values({
        id: newId(),
        org_id: orgId,
        partner_org_id: partnerId,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttles').execute();
  await db.schema.dropTable('joint_issuers').execute();
}
