import type { Kysely, Migration } from 'kysely';
import { Migrator } from 'kysely';
import type { Db } from './database';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_campaigns';
import * as m0003 from './migrations/0003_notices';
import * as m0004 from './migrations/0004_hazards';
import * as m0005 from './migrations/0005_hazard_dashboard_indexes';
import * as m0006 from './migrations/0006_hazard_search';
import * as m0007 from './migrations/0007_hazard_list_indexes';
import * as m0008 from './migrations/0008_hazard_source_index';
import * as m0009 from './migrations/0009_file_links';
import * as m0010 from './migrations/0010_workflow_events';
import * as m0011 from './migrations/0011_audit_integrity';
import * as m0012 from './migrations/0012_joint_issuers_login_throttles';
import * as m0013 from './migrations/0013_account_changes';
import * as m0014 from './migrations/0014_password_history_audit_refusals';
import * as m0015 from './migrations/0015_round_trips_and_mine_list';
import * as m0016 from './migrations/0016_idempotency_keys';
import * as m0017 from './migrations/0017_demo_records';
import * as m0018 from './migrations/0018_hazards_mine_id';
import * as m0019 from './migrations/0019_orgs_mine_region';

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_campaigns': m0002,
  '0003_notices': m0003,
  '0004_hazards': m0004,
  '0005_hazard_dashboard_indexes': m0005,
  '0006_hazard_search': m0006,
  '0007_hazard_list_indexes': m0007,
  '0008_hazard_source_index': m0008,
  '0009_file_links': m0009,
  '0010_workflow_events': m0010,
  '0011_audit_integrity': m0011,
  '0012_joint_issuers_login_throttles': m0012,
  '0013_account_changes': m0013,
  '0014_password_history_audit_refusals': m0014,
  '0015_round_trips_and_mine_list': m0015,
  '0016_idempotency_keys': m0016,
  '0017_demo_records': m0017,
  '0018_hazards_mine_id': m0018,
  '0019_orgs_mine_region': m0019,
};

/** The migrator of this schema's migrations (tests step one back and forth with it). */
export function migratorOf(db: Db): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => MIGRATIONS },
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
