import {
  type AccountChange,
  type AdminRequest,
  type AdminToday,
  hasPermission,
  OPEN_ACCOUNT_CHANGE_STATES,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { auditState } from '../../audit/audit-state';
import { listAccountChanges } from '../account-changes/account-change.service';
import { accountsNeedingAttention, securityAttention } from '../users/user-attention.service';
import type { TodayDeps } from './today.service';

/** Lines per section: the page points to the full list beyond. */
const SHOWN = 10;
/** An approved request stays on its requester's page this long, so the outcome is seen. */
const RECENT_DAYS = 7;
const DAY = 86_400_000;

const lineOf = (c: AccountChange): AdminRequest => ({
  id: c.id,
  change: c.change,
  state: c.state,
  username: c.account.username,
  displayName: c.account.displayName,
  requestedBy: c.requestedBy,
  requestedAt: c.requestedAt,
  decidedAt: c.decidedAt,
  comment: c.comment,
});

async function approvalsOf(deps: TodayDeps, actor: Actor) {
  if (!hasPermission(actor.roles, 'account.approve')) return null;
  return (await listAccountChanges(deps, actor, 'pending')).slice(0, SHOWN).map(lineOf);
}

/** The system administrator's requests still open, rejected, or approved within the week: waiting first. */
async function requestsOf(deps: TodayDeps, actor: Actor, now: Date) {
  if (!hasPermission(actor.roles, 'user.manage')) return null;
  const recent = new Date(now.getTime() - RECENT_DAYS * DAY).toISOString();
  const rank = (c: AccountChange) =>
    OPEN_ACCOUNT_CHANGE_STATES.includes(c.state) ? 0 : c.state === 'rejected' ? 1 : 2;
  return (await listAccountChanges(deps, actor, 'mine'))
    .filter(
      (c) =>
        OPEN_ACCOUNT_CHANGE_STATES.includes(c.state) ||
        c.state === 'rejected' ||
        (c.state === 'approved' && (c.decidedAt ?? '') >= recent),
    )
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, SHOWN)
    .map(lineOf);
}

/** 三员的今日工作: each administrator role's work, within what that role may read. */
export async function adminToday(deps: TodayDeps, actor: Actor): Promise<AdminToday> {
  const now = deps.clock.now();
  const [approvals, requests, security, attention, audit] = await Promise.all([
    approvalsOf(deps, actor),
    requestsOf(deps, actor, now),
    securityAttention(deps, actor, SHOWN),
    accountsNeedingAttention(deps, actor, SHOWN),
    hasPermission(actor.roles, 'audit.read') ? auditState(deps.db, now) : null,
  ]);
  return {
    asOf: now.toISOString(),
    approvals,
    requests,
    locked: security?.locked ?? null,
    activations: security?.activations ?? null,
    attention,
    audit,
  };
}
