import {
  type ACCOUNT_CHANGE_WORKFLOW,
  ACCOUNT_CHANGES,
  type AccountChange,
  type ActivationIssued,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../lib/errors';
import type { EffectContext, WorkflowModule } from '../../workflow/engine';
import { notifyUsers } from '../notifications/notification.service';
import { changeAccount, createAccount } from '../users/user.service';
import { judgeChange } from './account-change.judge';
import { ACCOUNT_CHANGE_RECORDS, type AccountChangeRecord, requestOf } from './account-change.records';
import { activeHoldersOf, writeAccountChange } from './account-change.repository';
import { loadAccountChange, presentAccountChange } from './account-change.service';

/** What an action writes on the request (and, for a new account, its code to answer once). */
interface Update {
  first_approved_by?: string;
  first_approved_at?: string;
  decided_by?: string;
  decided_at?: string;
  comment?: string | null;
  target_user_id?: string;
  activation?: ActivationIssued;
}

type Context<E> = EffectContext<AccountChangeRecord, E>;

/**
 * The change itself, in the approval's transaction: judged again against the accounts as they are
 * now (a username taken since, an account deactivated since), then applied with the account's own
 * audit row.
 */
async function applyChange({ trx, row, who, now }: Context<unknown>): Promise<Update> {
  const filed = requestOf(row);
  await judgeChange(trx, filed, row.requested_by, row.id);
  const context = { requestId: row.id };
  switch (filed.change) {
    case 'create': {
      const { change: _c, reason: _r, password: _p, ...account } = filed;
      const created = await createAccount(trx, account, who, context, now);
      return { target_user_id: created.userId, activation: created.activation };
    }
    case 'roles':
      await changeAccount(trx, filed.userId, { roles: filed.roles }, who, context, now);
      return {};
    case 'org':
      await changeAccount(trx, filed.userId, { orgId: filed.orgId, roles: filed.roles }, who, context, now);
      return {};
    case 'deactivate':
    case 'reactivate':
      await changeAccount(trx, filed.userId, { active: filed.change === 'reactivate' }, who, context, now);
      return {};
    default: {
      const never: never = filed;
      throw new Error(`unknown change ${JSON.stringify(never)}`);
    }
  }
}

const decided = ({ actor, now }: Context<unknown>, comment: string | null | undefined): Update => ({
  decided_by: actor.userId,
  decided_at: now.toISOString(),
  comment: comment ?? null,
});

async function approved(ctx: Context<{ comment?: string }>): Promise<Update> {
  return { ...decided(ctx, ctx.evidence.comment), ...(await applyChange(ctx)) };
}

/** Who hears of a step: the requester of the outcome, the audit administrators of a confirmation due. */
async function announce(trx: Kysely<Database>, row: AccountChangeRecord, to: string, now: Date) {
  const what = `“${ACCOUNT_CHANGES[row.change]}”申请`;
  if (to === 'approved' || to === 'rejected') {
    const title = `您提交的${what}${to === 'approved' ? '已批准生效' : '已被驳回'}`;
    await notifyUsers(
      trx,
      [row.requested_by],
      { kind: 'account.change', title, link: '/users?tab=mine' },
      now,
    );
  }
  if (to === 'confirming') {
    const auditors = (await activeHoldersOf(trx, 'audit_admin')).filter((id) => id !== row.viewerId);
    const title = `有一项${what}待您确认（须两人批准）`;
    await notifyUsers(trx, auditors, { kind: 'account.change', title, link: '/users?tab=pending' }, now);
  }
}

/** 三员 account changes on the workflow engine: an approval applies the change in its transaction. */
export const ACCOUNT_CHANGE_MODULE: WorkflowModule<
  typeof ACCOUNT_CHANGE_WORKFLOW,
  AccountChangeRecord,
  Update,
  AccountChange
> = {
  ...ACCOUNT_CHANGE_RECORDS,
  entityType: 'accountChange',
  load: loadAccountChange,
  effects: {
    approve: approved,
    approveFirst: async ({ actor, now, evidence }) => ({
      first_approved_by: actor.userId,
      first_approved_at: now.toISOString(),
      comment: evidence.comment ?? null,
    }),
    approveSecond: approved,
    reject: async (ctx) => decided(ctx, ctx.evidence.reason),
    rejectSecond: async (ctx) => decided(ctx, ctx.evidence.reason),
    withdraw: async (ctx) => decided(ctx, null),
  },
  async write(trx, row, to, { activation, ...set }, now) {
    const updatedAt = now.toISOString();
    const read = { state: row.state, updatedAt: row.updated_at };
    const written = await writeAccountChange(trx, row.id, read, { ...set, state: to, updated_at: updatedAt });
    return written
      ? { ...row, ...set, state: to, updated_at: updatedAt, activation: activation ?? null }
      : null;
  },
  // The history and the audit keep the decision and the account created, never the code.
  recorded: (_action, _row, evidence, update) =>
    update.target_user_id ? { ...evidence, userId: update.target_user_id } : evidence,
  auditActions: {
    approve: 'accountChange.approved',
    approveFirst: 'accountChange.approved_first',
    approveSecond: 'accountChange.approved',
    reject: 'accountChange.rejected',
    rejectSecond: 'accountChange.rejected',
    withdraw: 'accountChange.withdrawn',
  },
  after: ({ trx, row, to, now }) => announce(trx, row, to, now),
  async present(deps, actor, row) {
    const now = await loadAccountChange(deps.db, actor, row.id);
    if (!now) throw notFound('账号变更申请');
    return presentAccountChange(deps, actor, { ...now, activation: row.activation });
  },
};
