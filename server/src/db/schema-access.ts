/** Tables of who may act how (migration 0012): joint-issuing pairs and the counts of failed logins. */

/** A pair of orgs that may issue together (联合发文), stored once: org_id < partner_org_id. */
export interface JointIssuerTable {
  id: string;
  org_id: string;
  partner_org_id: string;
  created_at: string;
  created_by: string | null;
}

/**
 * Failed attempts counted per scope: `login` per (ip, username), `login_ip` per ip, `login_account`
 * per username, `password` per user id (username holds the id); '' stands for the part a scope
 * does not use.
 */
export interface LoginThrottleTable {
  scope: string;
  ip: string;
  username: string;
  failures: number;
  last_failed_at: string | null;
  wait_until: string | null;
  locked_until: string | null;
  pow_salt: string | null;
  pow_difficulty: number | null;
  pow_expires_at: string | null;
  updated_at: string;
}
