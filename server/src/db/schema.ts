import type { Generated } from 'kysely';

/** Times are ISO-8601 UTC strings on both dialects; booleans are 0/1 integers on both. */
export interface OrgTable {
  id: string;
  parent_id: string | null;
  path: string;
  kind: string;
  name: string;
  short_name: string | null;
  region_code: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface DivisionRegionTable {
  division_id: string;
  region_prefix: string;
}

export interface MineTable {
  org_id: string;
  uscc: string;
  category: string;
  mine_type: string;
  status: string;
  design_capacity: number | null;
  gas_grade: string | null;
  hydro_type: string | null;
  rock_burst: string | null;
  combustion_tendency: string | null;
  principal_name: string;
  principal_phone: string;
  director_is_chairman: number;
  division_org_id: string | null;
  group_org_id: string | null;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  org_id: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_org_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface ImportReceiptTable {
  id: string;
  user_id: string;
  created_at: string;
  file_name: string;
  content: Uint8Array;
}

export interface Database {
  orgs: OrgTable;
  division_regions: DivisionRegionTable;
  mines: MineTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  import_receipts: ImportReceiptTable;
}
