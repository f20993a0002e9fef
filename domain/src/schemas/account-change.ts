import { z } from 'zod';
import { ZFormDefinition } from '../forms/definition';
import {
  ACCOUNT_CHANGE_ACTIONS,
  ZAccountApprovals,
  ZAccountChangeState,
  ZAccountChangeType,
} from '../workflows/account-change';
import { ZActivationIssued } from './activation';
import { ZRole } from './auth';
import { optionalText, ZId } from './common';
import { ZUserCreate } from './user';

const reason = optionalText(200);
const roles = z.array(ZRole).min(1, '至少选择一个角色');

/** A request of the system administrator; no password anywhere: the user sets it with a code. */
export const ZAccountChangeCreate = z.discriminatedUnion('change', [
  ZUserCreate.extend({ change: z.literal('create'), reason }),
  z.strictObject({ change: z.literal('roles'), userId: ZId, roles, reason }),
  z.strictObject({ change: z.literal('org'), userId: ZId, orgId: ZId, roles: roles.optional(), reason }),
  z.strictObject({ change: z.literal('deactivate'), userId: ZId, reason }),
  z.strictObject({ change: z.literal('reactivate'), userId: ZId, reason }),
]);
export type AccountChangeCreate = z.infer<typeof ZAccountChangeCreate>;

export const ZAccountChangeAction = z.enum(ACCOUNT_CHANGE_ACTIONS);

export const ZAccountChange = z.object({
  id: z.string(),
  change: ZAccountChangeType,
  state: ZAccountChangeState,
  approvals: ZAccountApprovals,
  /** The administrator role that approves it (the first approval of a two-approval request). */
  approverRole: ZRole,
  /** The account as it is (a new account: as proposed; `userId` once it exists). */
  account: z.object({
    userId: z.string().nullable(),
    username: z.string(),
    displayName: z.string(),
    orgName: z.string(),
    roles: z.array(ZRole),
    active: z.boolean(),
  }),
  /** What a change of org or roles proposes (null where it proposes nothing of the kind). */
  proposed: z.object({ orgName: z.string().nullable(), roles: z.array(ZRole).nullable() }),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  firstApprovedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  actions: z.array(ZAccountChangeAction),
  /** Beside `actions`: each one's form, null for one that takes no body (a confirmation will do). */
  actionForms: z.array(
    z.object({ action: ZAccountChangeAction, label: z.string(), form: ZFormDefinition.nullable() }),
  ),
  /** Only in the answer of the approval that created the account: its one-time activation code. */
  activation: ZActivationIssued.nullable(),
});
export type AccountChange = z.infer<typeof ZAccountChange>;

/** The answer of a filed request (202): the request and what happens next. */
export const ZAccountChangeFiled = ZAccountChange.extend({ message: z.string() });
export type AccountChangeFiled = z.infer<typeof ZAccountChangeFiled>;

export const ACCOUNT_CHANGE_BOXES = { pending: '待审批', mine: '我的申请', all: '全部申请' } as const;
export const ZAccountChangeListQuery = z.object({
  box: z.enum(['pending', 'mine', 'all']).default('pending'),
});
