import {
  ACCOUNT_CHANGE_WORKFLOW,
  ACCOUNT_CHANGES,
  type AccountChange,
  type AccountChangeCreate,
  type AccountChangeFiled,
  actionForm,
  OPEN_ACCOUNT_CHANGE_STATES,
  ROLES,
  ZAccountApprovals,
  ZAccountChangeState,
  ZAccountChangeType,
  ZRole,
} from '@tiegui/domain';
import { accountChangeScope } from '../../access/account-change-scope';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { actionsFor } from '../../workflow/engine';
import { notifyUsers } from '../notifications/notification.service';
import { judgeChange } from './account-change.judge';
import { ACCOUNT_CHANGE_RECORDS, type AccountChangeRecord, requestOf } from './account-change.records';
import {
  type AccountChangeRow,
  activeHoldersOf,
  findAccountChange,
  insertAccountChange,
  listAccountChangeRows,
  orgNames,
  rolesOfUsers,
} from './account-change.repository';

export interface AccountChangeDeps {
  db: Db;
  clock: Clock;
}

/** A row read in the actor's scope as the engine and the answers read it (its enums checked). */
function recordOf(row: AccountChangeRow, roles: Map<string, string[]>, actor: Actor): AccountChangeRecord {
  return {
    ...row,
    change: ZAccountChangeType.parse(row.change),
    state: ZAccountChangeState.parse(row.state),
    approvals: ZAccountApprovals.parse(row.approvals),
    approver_role: ZRole.parse(row.approver_role),
    targetRoles: (row.target_user_id ? (roles.get(row.target_user_id) ?? []) : []).map((r) => ZRole.parse(r)),
    viewerId: actor.userId,
    activation: null,
  };
}

/** The request as the actor may see it, or undefined (out of scope or unknown: 404). */
export async function loadAccountChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<AccountChangeRecord | undefined> {
  const row = await findAccountChange(db, id, accountChangeScope(actor));
  if (!row) return undefined;
  return recordOf(row, await rolesOfUsers(db, row.target_user_id ? [row.target_user_id] : []), actor);
}

/** The orgs the requests name (a new account's, a move's destination), by id. */
function namedOrgs(db: Db, records: readonly AccountChangeRecord[]) {
  return orgNames(
    db,
    records.flatMap((r) => {
      const filed = requestOf(r);
      return filed.change === 'create' || filed.change === 'org' ? [filed.orgId] : [];
    }),
  );
}

function present(r: AccountChangeRecord, actor: Actor, orgs: Map<string, string>): AccountChange {
  const filed = requestOf(r);
  const actions = actionsFor(ACCOUNT_CHANGE_RECORDS, actor, r);
  const proposedAccount = filed.change === 'create' && r.target_user_id === null;
  return {
    id: r.id,
    change: r.change,
    state: r.state,
    approvals: r.approvals,
    approverRole: r.approver_role,
    account: proposedAccount
      ? {
          userId: null,
          username: filed.username,
          displayName: filed.displayName,
          orgName: orgs.get(filed.orgId) ?? '',
          roles: filed.roles,
          active: false,
        }
      : {
          userId: r.target_user_id,
          username: r.target_username ?? '',
          displayName: r.target_name ?? '',
          orgName: r.target_org_name ?? '',
          roles: r.targetRoles,
          active: r.target_active === 1,
        },
    proposed: {
      orgName: filed.change === 'org' ? (orgs.get(filed.orgId) ?? null) : null,
      roles: filed.change === 'roles' || filed.change === 'org' ? (filed.roles ?? null) : null,
    },
    reason: r.reason,
    requestedBy: r.requester_name,
    requestedAt: r.requested_at,
    firstApprovedBy: r.first_approver_name,
    decidedBy: r.decider_name,
    decidedAt: r.decided_at,
    comment: r.comment,
    actions,
    actionForms: actions.map((action) => {
      const form = actionForm(ACCOUNT_CHANGE_WORKFLOW, action);
      return {
        action,
        label: ACCOUNT_CHANGE_WORKFLOW.actions[action].label,
        form: form.fields.length > 0 ? form : null,
      };
    }),
    activation: r.activation,
  };
}

/** One request as the actor sees it, with the actions it may take on it now. */
export async function presentAccountChange(
  { db }: AccountChangeDeps,
  actor: Actor,
  record: AccountChangeRecord,
): Promise<AccountChange> {
  return present(record, actor, await namedOrgs(db, [record]));
}

export async function getAccountChange(deps: AccountChangeDeps, actor: Actor, id: string) {
  const record = await loadAccountChange(deps.db, actor, id);
  if (!record) throw notFound('账号变更申请');
  return presentAccountChange(deps, actor, record);
}

/**
 * The requests in the actor's scope: `pending` those it may decide now, `mine` those it filed, `all`
 * every one it sees; newest first.
 */
export async function listAccountChanges(
  { db }: AccountChangeDeps,
  actor: Actor,
  box: 'pending' | 'mine' | 'all',
): Promise<AccountChange[]> {
  const rows = await listAccountChangeRows(db, accountChangeScope(actor), {
    states: box === 'pending' ? OPEN_ACCOUNT_CHANGE_STATES : undefined,
    requestedBy: box === 'mine' ? actor.userId : undefined,
  });
  const roles = await rolesOfUsers(
    db,
    rows.flatMap((r) => (r.target_user_id ? [r.target_user_id] : [])),
  );
  const records = rows.map((r) => recordOf(r, roles, actor));
  const orgs = await namedOrgs(db, records);
  const shown = records.map((r) => present(r, actor, orgs));
  return box === 'pending' ? shown.filter((r) => r.actions.some((a) => a !== 'withdraw')) : shown;
}

/**
 * Files a system administrator's account change: judged now (400/404/409), recorded as a request
 * with the administrator who approves it, announced to that administrator. Nothing about the account
 * changes until the approval.
 */
export async function fileAccountChange(
  deps: AccountChangeDeps,
  actor: Actor,
  input: AccountChangeCreate,
): Promise<AccountChangeFiled> {
  const { db, clock } = deps;
  const judged = await judgeChange(db, input, actor.userId, null);
  const { change, reason, ...filed } = input;
  const id = newId();
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertAccountChange(trx, {
      id,
      change,
      state: 'pending',
      approvals: judged.approvals,
      approver_role: judged.approverRole,
      target_user_id: judged.targetUserId,
      proposal: JSON.stringify(filed),
      reason: reason ?? null,
      requested_by: actor.userId,
      requested_at: now,
      first_approved_by: null,
      first_approved_at: null,
      decided_by: null,
      decided_at: null,
      comment: null,
      updated_at: now,
    });
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'accountChange.requested',
        entityType: 'accountChange',
        entityId: id,
        changes: { change, ...filed, reason },
      },
      clock.now(),
    );
    await notifyUsers(
      trx,
      await activeHoldersOf(trx, judged.approverRole),
      {
        kind: 'account.change',
        title: `有一项“${ACCOUNT_CHANGES[change]}”申请待您审批`,
        link: '/users?tab=pending',
      },
      clock.now(),
    );
  });
  const request = await getAccountChange(deps, actor, id);
  return { ...request, message: `已提交，待${ROLES[judged.approverRole]}审批生效` };
}
