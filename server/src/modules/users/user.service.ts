import {
  hasPermission,
  type OrgKind,
  type Role,
  rolesProblem,
  type User,
  type UserCreate,
  type ZUserUpdate,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { hashPassword } from '../auth/password';
import { clearThrottlesOf, lockedUsernames } from '../auth/throttle.service';
import { orgById } from '../orgs/org.service';
import {
  deleteRoles,
  deleteSessionsOf,
  findUser,
  findUserByUsername,
  insertRoles,
  insertUserRow,
  listUsers as listUserRows,
  type UserListRow,
  updateUserRow,
} from './user.repository';

export interface UserDeps {
  db: Db;
  clock: Clock;
}

/** `locked`: locked out from some address after repeated failures (login_throttles). */
function present(row: UserListRow, locked: ReadonlySet<string>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    orgId: row.org_id,
    orgName: row.org_name,
    roles: row.roles as Role[],
    active: row.active === 1,
    locked: locked.has(row.username),
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
  };
}

function assertCanList(actor: Actor) {
  if (!hasPermission(actor.roles, 'user.manage') && !hasPermission(actor.roles, 'security.manage'))
    throw forbidden();
}

export async function listUsers(
  { db, clock }: UserDeps,
  actor: Actor,
  filter: { q?: string; orgId?: string },
) {
  assertCanList(actor);
  return presentAll(db, await listUserRows(db, filter), clock.now());
}

async function presentAll(db: Db, rows: UserListRow[], now: Date): Promise<User[]> {
  const locked = await lockedUsernames(
    db,
    rows.map((r) => r.username),
    now,
  );
  return rows.map((r) => present(r, locked));
}

export async function getUser({ db, clock }: UserDeps, id: string): Promise<User> {
  const row = (await listUserRows(db, {})).find((u) => u.id === id);
  if (!row) throw notFound('用户');
  const [user] = await presentAll(db, [row], clock.now());
  if (!user) throw notFound('用户');
  return user;
}

/** Inserts a user with roles; shared by the service, create-admin, the seeds and the tests. */
export async function insertUser(
  trx: Kysely<Database>,
  input: {
    id?: string;
    username: string;
    displayName: string;
    phone?: string | null;
    orgId: string;
    roles: Role[];
    passwordHash: string;
    mustChangePassword: boolean;
  },
  now: Date,
): Promise<string> {
  const id = input.id ?? newId();
  await insertUserRow(trx, {
    id,
    username: input.username,
    display_name: input.displayName,
    phone: input.phone ?? null,
    org_id: input.orgId,
    password_hash: input.passwordHash,
    must_change_password: input.mustChangePassword ? 1 : 0,
    failed_logins: 0,
    locked_until: null,
    active: 1,
    last_login_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  await insertRoles(trx, id, input.roles);
  return id;
}

async function orgKindOf(db: Db, orgId: string): Promise<OrgKind> {
  const org = await orgById(db, orgId);
  if (!org) throw invalidField('orgId', '所属单位不存在');
  return org.kind as OrgKind;
}

/** Creates an account; an account made by an administrator must change its password at first login. */
export async function createUser(deps: UserDeps, actor: Actor, input: UserCreate): Promise<User> {
  const { db, clock } = deps;
  const problem = rolesProblem(input.roles, await orgKindOf(db, input.orgId));
  if (problem) throw invalidField('roles', problem);
  if (await findUserByUsername(db, input.username)) {
    throw new AppError('CONFLICT', '用户名已存在', [{ field: 'username', message: '用户名已存在' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { ...input, passwordHash, mustChangePassword: true }, now);
    const { password: _omit, ...changes } = input;
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'user.created', entityType: 'user', entityId: id, changes },
      now,
    );
    return id;
  });
  return getUser(deps, id);
}

export async function updateUser(
  deps: UserDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ZUserUpdate>,
): Promise<User> {
  const { db, clock } = deps;
  const user = await findUser(db, id);
  if (!user) throw notFound('用户');
  if (id === actor.userId && (input.active === false || input.roles)) {
    throw new AppError('CONFLICT', '不能停用自己的账号或修改自己的角色');
  }
  if (input.roles) {
    const problem = rolesProblem(input.roles, await orgKindOf(db, user.org_id));
    if (problem) throw invalidField('roles', problem);
  }
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone ?? null } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    });
    if (input.roles) {
      await deleteRoles(trx, id);
      await insertRoles(trx, id, input.roles);
    }
    if (input.active === false) await deleteSessionsOf(trx, id);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'user.updated', entityType: 'user', entityId: id, changes: input },
      now,
    );
  });
  return getUser(deps, id);
}

/** 解锁: every count, wait and lock of the account ends, from every address. */
export async function unlockUser(deps: UserDeps, actor: Actor, id: string): Promise<User> {
  const { db, clock } = deps;
  const now = clock.now();
  const updated = await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, id);
    if (!user || !(await updateUserRow(trx, id, { locked_until: null, failed_logins: 0 }))) return false;
    await clearThrottlesOf(trx, user);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'user.unlocked', entityType: 'user', entityId: id },
      now,
    );
    return true;
  });
  if (!updated) throw notFound('用户');
  return getUser(deps, id);
}

/** Sets a temporary password; the user must change it at the next login, and its sessions end. */
export async function resetPassword(
  deps: UserDeps,
  actor: Actor,
  id: string,
  password: string,
): Promise<User> {
  const { db, clock } = deps;
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  const updated = await db.transaction().execute(async (trx) => {
    const set = {
      password_hash: passwordHash,
      must_change_password: 1,
      locked_until: null,
      failed_logins: 0,
      updated_at: now.toISOString(),
    };
    const user = await findUser(trx, id);
    if (!user || !(await updateUserRow(trx, id, set))) return false;
    await clearThrottlesOf(trx, user);
    await deleteSessionsOf(trx, id);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'user.password_reset', entityType: 'user', entityId: id },
      now,
    );
    return true;
  });
  if (!updated) throw notFound('用户');
  return getUser(deps, id);
}
