import type { AccountChangeCreate, AccountChangeFiled, User, UserUpdate } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { invalidField, notFound } from '../../lib/errors';
import { fileAccountChange } from '../account-changes/account-change.service';
import { type Account, accountOf, getUser, type UserDeps, updateProfile } from './user.service';

/** The request a PATCH of an account amounts to, if it changes its roles, org or activity. */
function requestOf(account: Account, input: UserUpdate): AccountChangeCreate | null {
  const roles =
    input.roles &&
    !(input.roles.length === account.roles.length && input.roles.every((r) => account.roles.includes(r)))
      ? input.roles
      : undefined;
  const orgId = input.orgId !== undefined && input.orgId !== account.orgId ? input.orgId : undefined;
  const active = input.active !== undefined && input.active !== account.active ? input.active : undefined;
  if (active !== undefined && (roles || orgId))
    throw invalidField('active', '启用状态：停用或启用须单独提交，不能与角色、所属单位的变更一起提交');
  const userId = account.id;
  if (active !== undefined) return { change: active ? 'reactivate' : 'deactivate', userId };
  if (orgId) return { change: 'org', userId, orgId, roles: input.roles };
  if (roles) return { change: 'roles', userId, roles };
  return null;
}

/**
 * 修改用户: name and phone change at once; a change of roles, org or activity becomes a request
 * another administrator approves (三员), answered instead of the user.
 */
export async function updateUser(
  deps: UserDeps,
  actor: Actor,
  id: string,
  input: UserUpdate,
): Promise<{ user: User } | { request: AccountChangeFiled }> {
  const account = await accountOf(deps.db, id);
  if (!account) throw notFound('用户');
  const change = requestOf(account, input);
  const request = change ? await fileAccountChange(deps, actor, change) : null;
  // The form sends every field: only a name or phone that differs is written (and audited).
  const displayName = input.displayName !== account.displayName ? input.displayName : undefined;
  const phone =
    input.phone !== undefined && (input.phone ?? null) !== account.phone ? input.phone : undefined;
  if (displayName !== undefined || phone !== undefined)
    await updateProfile(deps, actor, id, { displayName, phone });
  return request ? { request } : { user: await getUser(deps, id) };
}
