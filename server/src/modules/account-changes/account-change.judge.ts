import {
  type AccountApprovals,
  type AccountChangeCreate,
  type AdminRole,
  approvalsFor,
  approverFor,
  fieldLabel,
  type OrgKind,
  type Role,
  roleChangeProblem,
  rolesProblem,
} from '@tiegui/domain';
import type { Db } from '../../db/database';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { orgById } from '../orgs/org.service';
import { accountOf, usernameTaken } from '../users/user.service';
import { requestOf } from './account-change.records';
import { openChangeOf, openCreations } from './account-change.repository';

/** A request judged sound: on which account, and who approves it. */
export interface JudgedChange {
  targetUserId: string | null;
  approverRole: AdminRole;
  approvals: AccountApprovals;
}

/** A 400 naming the field by its label, as the form shows it. */
const fieldProblem = (field: string, problem: string) =>
  invalidField(field, `${fieldLabel([field])}：${problem}`);

async function orgKindOf(db: Db, orgId: string): Promise<OrgKind> {
  const org = await orgById(db, orgId);
  if (!org) throw fieldProblem('orgId', '所属单位不存在');
  return org.kind as OrgKind;
}

async function checkRoles(db: Db, roles: readonly Role[], orgId: string, current: readonly Role[] | null) {
  const problem =
    (current ? roleChangeProblem(current, roles) : null) ?? rolesProblem(roles, await orgKindOf(db, orgId));
  if (problem) throw fieldProblem('roles', problem);
}

async function checkUsernameFree(db: Db, username: string, except: string | null) {
  const taken = (await usernameTaken(db, username))
    ? '用户名已存在'
    : (await openCreations(db, except)).some((c) => {
          const filed = requestOf(c);
          return filed.change === 'create' && filed.username === username;
        })
      ? '已有新建该用户名账号的申请在审批中'
      : null;
  if (taken) throw new AppError('CONFLICT', taken, [{ field: 'username', message: taken }]);
}

/** The account a change is about, not the asker's own, with no other request open on it. */
async function targetOf(db: Db, userId: string, requesterId: string, except: string | null) {
  const account = await accountOf(db, userId);
  if (!account) throw notFound('用户');
  if (account.id === requesterId)
    throw new AppError('CONFLICT', '不能停用自己的账号或修改自己的角色、所属单位，须由其他管理员申请');
  if (await openChangeOf(db, userId, except))
    throw new AppError('CONFLICT', '该用户已有待审批的变更申请，请等待审批结果或撤回后再提交');
  return account;
}

/**
 * Judges a request against the accounts as they are: when it is filed, and again when it is
 * approved (`except` is then the request itself, open until its approval is written). Throws a 400
 * naming the field, a 404 for an unknown account or a 409; returns who approves it.
 */
export async function judgeChange(
  db: Db,
  input: AccountChangeCreate,
  requesterId: string,
  except: string | null,
): Promise<JudgedChange> {
  if (input.change === 'create') {
    await checkRoles(db, input.roles, input.orgId, null);
    await checkUsernameFree(db, input.username, except);
    return {
      targetUserId: null,
      approverRole: approverFor([], input.roles),
      approvals: approvalsFor('create', []),
    };
  }
  const target = await targetOf(db, input.userId, requesterId, except);
  let next: readonly Role[] = target.roles;
  switch (input.change) {
    case 'roles':
      if (sameRoles(target.roles, input.roles)) throw fieldProblem('roles', '与现有角色相同，无需变更');
      await checkRoles(db, input.roles, target.orgId, target.roles);
      next = input.roles;
      break;
    case 'org':
      if (input.orgId === target.orgId) throw fieldProblem('orgId', '与现在的所属单位相同，无需变更');
      next = input.roles ?? target.roles;
      await checkRoles(db, next, input.orgId, target.roles);
      break;
    case 'deactivate':
      if (!target.active) throw new AppError('CONFLICT', '该账号已停用');
      break;
    case 'reactivate':
      if (target.active) throw new AppError('CONFLICT', '该账号未停用，无需启用');
      break;
    default: {
      const never: never = input;
      throw new Error(`unknown change ${JSON.stringify(never)}`);
    }
  }
  return {
    targetUserId: target.id,
    approverRole: approverFor(target.roles, next),
    approvals: approvalsFor(input.change, target.roles),
  };
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}
