import { z } from 'zod';
import { type AdminRole, adminRoleOf, type Role } from '../access/roles';
import { optionalText, zLabelledEnum } from '../schemas/common';
import { type ActionOf, defineWorkflow } from './workflow';

/**
 * 三员 account changes: what the system administrator changes on an account (a new account, its
 * roles, its org, deactivating or reactivating it) is a request that takes effect only when another
 * administrator approves it; the approving action applies it in the same transaction.
 *
 * Who approves, written on the request when it is filed (`approverFor`):
 * - the security administrator, the system administrator's counterpart;
 * - the audit administrator when the request touches a security administrator (its account, or a
 *   new account that would hold the role): the security administrator would be deciding on its own
 *   kind of power, and the system administrator asked, so the only one left is the auditor. So a
 *   change to sx-sec's account asked by sx-admin is approved by sx-audit;
 * - deactivating an audit administrator takes two approvals (`approvalsFor`): the security
 *   administrator's, then an audit administrator's confirmation (the auditor's own consent when it is
 *   the only one), so that the two administrators the auditor watches cannot remove it together.
 * Nobody approves a request they filed, nor (but for that consent) a change to their own account:
 * the party check says so and the `independent` / `notOwnRequest` guards say it again. Which roles a
 * change may give is `rolesProblem` and `roleChangeProblem` (`access/roles.ts`): one administrator
 * role per account, never beside a business role, never granted to an existing account.
 */
export const ACCOUNT_CHANGE_STATES = {
  pending: '待审批',
  confirming: '待审计管理员确认',
  approved: '已生效',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;
export type AccountChangeState = keyof typeof ACCOUNT_CHANGE_STATES;
export const ZAccountChangeState = zLabelledEnum(ACCOUNT_CHANGE_STATES);
export const OPEN_ACCOUNT_CHANGE_STATES: readonly AccountChangeState[] = ['pending', 'confirming'];

/** What a request changes. */
export const ACCOUNT_CHANGES = {
  create: '新建账号',
  roles: '变更角色',
  org: '变更所属单位',
  deactivate: '停用账号',
  reactivate: '启用账号',
} as const;
export type AccountChangeType = keyof typeof ACCOUNT_CHANGES;
export const ZAccountChangeType = zLabelledEnum(ACCOUNT_CHANGES);

/** How many approvals a request takes: the table's kinds. */
export const ACCOUNT_APPROVALS = { single: '一人审批的申请', dual: '须两人审批的申请' } as const;
export type AccountApprovals = keyof typeof ACCOUNT_APPROVALS;
export const ZAccountApprovals = zLabelledEnum(ACCOUNT_APPROVALS);

export type AccountChangeParty = 'requester' | 'approver' | 'confirmer';
export type AccountChangeGuard = 'independent' | 'notOwnRequest';

/** What the guards read: whether the one acting filed the request, or is the account it changes. */
export interface AccountChangeFacts {
  byRequester: boolean;
  byTarget: boolean;
}

export const ZApproval = z.strictObject({ comment: optionalText(200) });
export const ZRejection = z.strictObject({
  reason: z.string().trim().min(2, '请填写驳回理由').max(200),
});

const OWN_REQUEST = '不能审批本人提交的申请';
const REQUESTER = { party: 'requester', permission: 'user.manage' } as const;
const APPROVER = { party: 'approver', permission: 'account.approve' } as const;
const CONFIRMER = { party: 'confirmer', permission: 'account.approve' } as const;

export const ACCOUNT_CHANGE_WORKFLOW = defineWorkflow<
  AccountChangeState,
  AccountChangeParty,
  AccountChangeGuard,
  AccountApprovals,
  AccountChangeFacts
>()({
  record: '账号变更申请',
  states: ACCOUNT_CHANGE_STATES,
  parties: { requester: '申请人', approver: '审批管理员', confirmer: '审计管理员' },
  guards: {
    independent: (f) => (f.byRequester ? OWN_REQUEST : f.byTarget ? '不能审批本人账号的变更' : null),
    notOwnRequest: (f) => (f.byRequester ? OWN_REQUEST : null),
  },
  kinds: ACCOUNT_APPROVALS,
  // biome-ignore format: the table reads best one action per line
  actions: {
    approve: { label: '批准', from: ['pending'], to: 'approved', kinds: ['single'], who: [APPROVER], guard: 'independent', evidence: ZApproval },
    approveFirst: { label: '批准并送审计管理员确认', from: ['pending'], to: 'confirming', kinds: ['dual'], who: [APPROVER], guard: 'independent', evidence: ZApproval },
    approveSecond: { label: '确认批准', from: ['confirming'], to: 'approved', kinds: ['dual'], who: [CONFIRMER], guard: 'notOwnRequest', evidence: ZApproval },
    reject: { label: '驳回', from: ['pending'], to: 'rejected', who: [APPROVER], guard: 'independent', evidence: ZRejection },
    rejectSecond: { label: '驳回', from: ['confirming'], to: 'rejected', kinds: ['dual'], who: [CONFIRMER], guard: 'notOwnRequest', evidence: ZRejection },
    withdraw: { label: '撤回', from: ['pending', 'confirming'], to: 'withdrawn', who: [REQUESTER], evidence: z.strictObject({}) },
  },
});

export type AccountChangeAction = ActionOf<typeof ACCOUNT_CHANGE_WORKFLOW>;
export const ACCOUNT_CHANGE_ACTIONS = Object.keys(ACCOUNT_CHANGE_WORKFLOW.actions) as [
  AccountChangeAction,
  ...AccountChangeAction[],
];

/**
 * Who approves a change of an account holding `current` roles (none for a new account) that would
 * hold `next`: the audit administrator when a security administrator is concerned, else the
 * security administrator.
 */
export function approverFor(current: readonly Role[], next: readonly Role[]): AdminRole {
  return [...current, ...next].includes('sec_admin') ? 'audit_admin' : 'sec_admin';
}

/** Deactivating an audit administrator takes two approvals; every other change one. */
export function approvalsFor(change: AccountChangeType, current: readonly Role[]): AccountApprovals {
  return change === 'deactivate' && adminRoleOf(current) === 'audit_admin' ? 'dual' : 'single';
}
