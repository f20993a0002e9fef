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

export interface Database {
  orgs: OrgTable;
  division_regions: DivisionRegionTable;
  mines: MineTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  import_receipts: ImportReceiptTable;
  plans: PlanTable;
  campaigns: CampaignTable;
  obligations: ObligationTable;
  obligation_recipients: ObligationRecipientTable;
  submissions: SubmissionTable;
  notifications: NotificationTable;
  files: FileTable;
  notices: NoticeTable;
  notice_deliveries: NoticeDeliveryTable;
}
