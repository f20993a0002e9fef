import type { Generated } from 'kysely';
import type { JointIssuerTable, LoginThrottleTable } from './schema-access';
import type * as Accounts from './schema-accounts';
import type * as Demo from './schema-demo';

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
  /** How `hash` was made: 'sha256' (unkeyed, rows before 0011), 'hmac-sm3' or 'hmac-sha256'. */
  hash_alg: string;
}

export interface ImportReceiptTable {
  id: string;
  user_id: string;
  created_at: string;
  file_name: string;
  content: Uint8Array;
}

export interface PlanTable {
  id: string;
  plan_key: string;
  version: number;
  title: string;
  content: string;
  created_at: string;
  created_by: string | null;
}

export interface CampaignTable {
  id: string;
  plan_id: string;
  title: string;
  issuer_org_id: string;
  co_issuer_org_id: string | null;
  region_prefix: string;
  state: string;
  starts_on: string;
  ends_on: string;
  activated_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ObligationTable {
  id: string;
  campaign_id: string;
  duty_key: string;
  org_id: string;
  org_kind: string;
  period_key: string;
  period_label: string;
  due_at: string;
  state: string;
  submitted_at: string | null;
  late: number;
  accepted_at: string | null;
  updated_at: string;
}

export interface ObligationRecipientTable {
  obligation_id: string;
  org_id: string;
}

export interface SubmissionTable {
  id: string;
  obligation_id: string;
  version: number;
  form_key: string;
  form_version: number;
  content: string;
  state: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reviewer_org_id: string | null;
  review_comment: string | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface FileTable {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  owner_org_id: string;
  uploaded_by: string;
  created_at: string;
}

/** The kinds of record that reference uploaded files (see file_links). */
export const FILE_RECORD_KINDS = ['hazard', 'hazard_investigation', 'submission', 'notice'] as const;
export type FileRecordKind = (typeof FILE_RECORD_KINDS)[number];

/**
 * A record's reference to an uploaded file, written with the record: the one place that says which
 * records hold a file (for who may read it) and which files a record holds. `role` is the field
 * that holds it (`photos`, `plan.planFiles`, a form field's path; `carried` on a forwarded notice
 * for the attachments of the notices it carries).
 */
export interface FileLinkTable {
  file_id: string;
  record_kind: FileRecordKind;
  record_id: string;
  role: string;
  created_at: string;
}

export interface NoticeTable {
  id: string;
  campaign_id: string | null;
  parent_notice_id: string | null;
  root_notice_id: string;
  doc_number: string;
  title: string;
  issuer_org_id: string;
  co_issuer_org_id: string | null;
  issued_on: string;
  body: string;
  /** JSON array of { id, name } file references. */
  attachments: string;
  reply_due_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface NoticeDeliveryTable {
  notice_id: string;
  org_id: string;
  delivered_at: string;
  read_at: string | null;
  signed_at: string | null;
  signed_by: string | null;
  forwarded_notice_id: string | null;
  last_urged_at: string | null;
}

export interface HazardCatalogTable {
  id: string;
  catalog_key: string;
  version: number;
  title: string;
  content: string;
  created_at: string;
  created_by: string | null;
}

export interface HazardTable {
  id: string;
  mine_id: string;
  region_code: string;
  level: string;
  catalog_key: string | null;
  catalog_version: number | null;
  category_code: string | null;
  item_code: string | null;
  description: string;
  location: string;
  found_on: string;
  found_by: string;
  found_by_org_id: string;
  source: string;
  source_ref: string | null;
  self_reported: number;
  /** JSON arrays of { id, name } file references. */
  photos: string;
  files: string;
  production_stop: string;
  stopped_area: string | null;
  immediate_measures: string | null;
  mine_status_before: string | null;
  state: string;
  responsible_unit: string | null;
  responsible_person: string | null;
  measures: string | null;
  funds_fen: number | null;
  time_limit: string | null;
  due_at: string | null;
  contingency_plan: string | null;
  /** JSON: the 治理方案 contents of a major hazard. */
  treatment_plan: string | null;
  extension_until: string | null;
  extension_reason: string | null;
  extension_requested_at: string | null;
  closed_at: string | null;
  closed_on: string | null;
  days_to_close: number | null;
  root_cause_category: string | null;
  root_cause: string | null;
  /** JSON: verification note, reward, penalty. */
  closure: string | null;
  recurrence_of: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface HazardEventTable {
  id: string;
  hazard_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_user_id: string | null;
  actor_org_id: string | null;
  at: string;
  evidence: string;
}

/** One action of a record on the shared workflow engine (its history). */
export interface WorkflowEventTable {
  id: string;
  record_kind: string;
  record_id: string;
  action: string;
  from_state: string;
  to_state: string;
  actor_user_id: string;
  actor_org_id: string;
  at: string;
  evidence: string;
}

export interface HazardSupervisionTable {
  id: string;
  hazard_id: string;
  org_id: string;
  level: string;
  deadline: string;
  report_cadence: string;
  note: string | null;
  listed_at: string;
  listed_by: string | null;
  last_report_at: string | null;
  last_notified_on: string | null;
  removed_at: string | null;
  removed_by: string | null;
}

export interface HazardInvestigationTable {
  id: string;
  mine_id: string;
  month: string;
  investigated_on: string;
  leader: string;
  scope: string;
  participants: string;
  hazard_ids: string;
  major_found: number;
  notes: string | null;
  files: string;
  obligation_id: string | null;
  created_by: string | null;
  created_at: string;
}

// The text search index (全文检索) of hazards' description and location: derived from `hazards`
// (which never change those two), written with each hazard, rebuilt on restore rather than backed
// up. Its SQL lives in dialect.ts; each dialect has its own tables (0006_hazard_search).

/** SQLite: a stable integer per hazard, the rowid of its row in the FTS5 table `hazard_search`. */
export interface HazardSearchKeyTable {
  id: Generated<number>;
  hazard_id: string;
}

/** PostgreSQL: the hazard's tokens as a tsvector (text here), in parts of at most 256 positions. */
export interface HazardSearchTable {
  hazard_id: string;
  part: number;
  tokens: string;
}

export interface Database {
  orgs: OrgTable;
  division_regions: DivisionRegionTable;
  mines: MineTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: Accounts.SessionTable;
  audit_events: AuditEventTable;
  import_receipts: ImportReceiptTable;
  plans: PlanTable;
  campaigns: CampaignTable;
  obligations: ObligationTable;
  obligation_recipients: ObligationRecipientTable;
  submissions: SubmissionTable;
  notifications: NotificationTable;
  files: FileTable;
  file_links: FileLinkTable;
  notices: NoticeTable;
  notice_deliveries: NoticeDeliveryTable;
  hazard_catalogs: HazardCatalogTable;
  hazards: HazardTable;
  hazard_events: HazardEventTable;
  hazard_supervisions: HazardSupervisionTable;
  hazard_investigations: HazardInvestigationTable;
  hazard_search_keys: HazardSearchKeyTable;
  hazard_search: HazardSearchTable;
  workflow_events: WorkflowEventTable;
  joint_issuers: JointIssuerTable;
  login_throttles: LoginThrottleTable;
  account_changes: Accounts.AccountChangeTable;
  activation_codes: Accounts.ActivationCodeTable;
  password_history: Accounts.PasswordHistoryTable;
  audit_refusals: Accounts.AuditRefusalTable;
  idempotency_keys: Accounts.IdempotencyKeyTable;
  demo_records: Demo.DemoRecordTable;
}
