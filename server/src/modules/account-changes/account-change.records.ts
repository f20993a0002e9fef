import {
  ACCOUNT_CHANGE_WORKFLOW,
  type AccountApprovals,
  type AccountChangeCreate,
  type AccountChangeParty,
  type AccountChangeState,
  type AccountChangeType,
  type ActivationIssued,
  type Role,
  ZAccountChangeCreate,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { AccountChangeRow } from './account-change.repository';

/** A request as one administrator reads it. */
export interface AccountChangeRecord extends AccountChangeRow {
  change: AccountChangeType;
  state: AccountChangeState;
  approvals: AccountApprovals;
  approver_role: Role;
  proposal: string;
  /** The changed account's roles now (empty for a new account not created yet). */
  targetRoles: Role[];
  /** Who read it: the guards ask whether that is the requester or the account changed. */
  viewerId: string;
  /** Only after the approval that created the account: its one-time code, answered once. */
  activation: ActivationIssued | null;
}

/** The request as it was filed (its `proposal` column is the body without `change` and `reason`). */
export function requestOf(row: { change: string; proposal: string }): AccountChangeCreate {
  return ZAccountChangeCreate.parse({ ...JSON.parse(row.proposal), change: row.change });
}

/** Each party of a request; the permissions are the engine's check against the table. */
function isParty(party: AccountChangeParty, actor: Actor, row: AccountChangeRecord): boolean {
  const own = actor.userId === row.requested_by;
  switch (party) {
    case 'requester':
      return own;
    case 'approver':
      return actor.roles.includes(row.approver_role) && !own && actor.userId !== row.target_user_id;
    case 'confirmer':
      return actor.roles.includes('audit_admin') && !own && actor.userId !== row.first_approved_by;
    default: {
      const never: never = party;
      throw new Error(`unknown party ${String(never)}`);
    }
  }
}

/** The account change table bound to its records: parties and the facts its guards read. */
export const ACCOUNT_CHANGE_RECORDS = {
  workflow: ACCOUNT_CHANGE_WORKFLOW,
  isParty,
  factsOf: (row: AccountChangeRecord) => ({
    state: row.state,
    kind: row.approvals,
    facts: { byRequester: row.viewerId === row.requested_by, byTarget: row.viewerId === row.target_user_id },
  }),
};
