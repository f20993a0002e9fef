// Sessions, 三员 account changes and activation codes (0013_account_changes), password history and
// counted refusals (0014), idempotency keys (0016); times and flags as in schema.ts.

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A system administrator's account change waiting for (or decided by) another administrator. */
export interface AccountChangeTable {
  id: string;
  change: string;
  state: string;
  /** 'single' or 'dual': how many approvals it takes. */
  approvals: string;
  approver_role: string;
  /** The account changed; a new account's once the request is approved. */
  target_user_id: string | null;
  /** JSON: the new account's fields, the roles or the org proposed. */
  proposal: string;
  reason: string | null;
  requested_by: string;
  requested_at: string;
  first_approved_by: string | null;
  first_approved_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  updated_at: string;
}

/** A one-time code with which a user sets their own password; only its sha256 is kept. */
export interface ActivationCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  issued_by: string | null;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** An earlier password of a user (its argon2id hash), so it cannot be chosen again soon. */
export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

/** Repeated refusals of one user on one route within a window, counted before they become one audit event. */
export interface AuditRefusalTable {
  id: string;
  actor_user_id: string;
  actor_username: string | null;
  actor_org_id: string | null;
  method: string;
  /** The route's pattern (`/api/hazards/:id`), so refusals of different records count together. */
  route: string;
  status: number;
  code: string;
  first_at: string;
  last_at: string;
  last_url: string;
  ip: string | null;
  /** Refusals after the first (which is an audit event already). */
  repeats: number;
}

/** The first successful answer to a POST sent with an `Idempotency-Key`; kept 24 hours. */
export interface IdempotencyKeyTable {
  user_id: string;
  /** Method and path (`POST /api/hazards`), so one key means one thing on one route. */
  route: string;
  idempotency_key: string;
  /** sha256 of the request body as validated, so the same key with another body is refused. */
  request_hash: string;
  /** Null while the first request is still being handled. */
  status: number | null;
  response: string | null;
  created_at: string;
}
