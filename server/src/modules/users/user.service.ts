import type { ActivationIssued, OrgKind, Role, User, UserUpdate } from '@tiegui/domain';
import { hasPermission } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import { type AuditActor, appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { issueActivationCode, unknownPasswordHash } from '../auth/activation.service';
import { rememberCurrentPassword } from '../auth/password-history.service';
import { clearThrottlesOf, lockedUsernames } from '../auth/throttle.service';
import {
  deleteRoles,
  deleteSessionsOf,
  findAccount,
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

type AccountRow = Pick<
  UserListRow,
  'id' | 'username' | 'display_name' | 'phone' | 'org_id' | 'active' | 'roles'
>;

/** Who an account is and what it may: what the list and a judged change read alike. */
function identityOf(row: AccountRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    orgId: row.org_id,
    roles: row.roles as Role[],
    active: row.active === 1,
  };
}

/** `locked`: locked out from some address after repeated failures (login_throttles). */
function present(row: UserListRow, locked: ReadonlySet<string>): User {
  return {
    ...identityOf(row),
    orgName: row.org_name,
    locked: locked.has(row.username),
    mustChangePassword: row.must_change_password === 1,
    activationPending: Boolean(row.activation_pending),
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
  const now = clock.now();
  return presentAll(db, await listUserRows(db, filter, now.toISOString()), now);
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
  const now = clock.now();
  const [user] = await presentAll(db, await listUserRows(db, { id }, now.toISOString()), now);
  if (!user) throw notFound('用户');
  return user;
}

/** An account as a change of it is judged (org kind, active, roles), or undefined. */
export async function accountOf(db: Db, id: string) {
  const row = await findAccount(db, id);
  if (!row) return undefined;
  return { ...identityOf(row), orgKind: row.org_kind as OrgKind };
}
export type Account = NonNullable<Awaited<ReturnType<typeof accountOf>>>;

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await findUserByUsername(db, username)) !== undefined;
}

/** Inserts a user with roles; shared by the account changes, create-admin, the seeds and the tests. */
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

/**
 * An approved new account: no password anyone knows until its user sets one with the activation
 * code issued here (answered once, to the approving administrator who hands it over).
 */
export async function createAccount(
  trx: Kysely<Database>,
  input: { username: string; displayName: string; phone?: string | null; orgId: string; roles: Role[] },
  who: AuditActor,
  context: { requestId: string },
  now: Date,
): Promise<{ userId: string; activation: ActivationIssued }> {
  const userId = await insertUser(
    trx,
    { ...input, passwordHash: await unknownPasswordHash(), mustChangePassword: false },
    now,
  );
  await appendAudit(
    trx,
    who,
    { action: 'user.created', entityType: 'user', entityId: userId, changes: { ...input, ...context } },
    now,
  );
  const code = await issueActivationCode(trx, { userId, issuedBy: who.userId }, now);
  return {
    userId,
    activation: { ...code, userId, username: input.username, displayName: input.displayName },
  };
}

/**
 * An approved change of an account's roles, org or activity. Its sessions end: what they were
 * allowed no longer holds.
 */
export async function changeAccount(
  trx: Kysely<Database>,
  id: string,
  change: { roles?: Role[]; orgId?: string; active?: boolean },
  who: AuditActor,
  context: { requestId: string },
  now: Date,
): Promise<void> {
  await updateUserRow(trx, id, {
    ...(change.orgId !== undefined ? { org_id: change.orgId } : {}),
    ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
    updated_at: now.toISOString(),
  });
  if (change.roles) {
    await deleteRoles(trx, id);
    await insertRoles(trx, id, change.roles);
  }
  await deleteSessionsOf(trx, id);
  await appendAudit(
    trx,
    who,
    { action: 'user.updated', entityType: 'user', entityId: id, changes: { ...change, ...context } },
    now,
  );
}

/** Name and phone: changed at once (they grant nothing). */
export async function updateProfile(
  deps: UserDeps,
  actor: Actor,
  id: string,
  input: Pick<UserUpdate, 'displayName' | 'phone'>,
): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  const updated = await db.transaction().execute(async (trx) => {
    const set = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone ?? null } : {}),
      updated_at: now.toISOString(),
    };
    if (!(await updateUserRow(trx, id, set))) return false;
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'user.updated', entityType: 'user', entityId: id, changes: input },
      now,
    );
    return true;
  });
  if (!updated) throw notFound('用户');
}

/** 解锁: every count, wait and lock of the account ends, from every address. */
export async function unlockUser(deps: UserDeps, actor: Actor, id: string): Promise<User> {
  const { db, clock } = deps;
  const now = clock.now();
  const updated = await db.transaction().execute(async (trx) => {
    const account = await accountOf(trx, id);
    if (!account || !(await updateUserRow(trx, id, { locked_until: null, failed_logins: 0 }))) return false;
    await clearThrottlesOf(trx, account);
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

/**
 * 重置密码: the old password stops working and every session ends; the user sets a new one with the
 * one-time activation code answered here (once, to the security administrator to hand over). The
 * administrator never chooses nor sees the password.
 */
export async function resetPassword(deps: UserDeps, actor: Actor, id: string): Promise<ActivationIssued> {
  const { db, clock } = deps;
  const account = await accountOf(db, id);
  if (!account) throw notFound('用户');
  if (!account.active) throw new AppError('CONFLICT', '该账号已停用，启用后才能重置密码');
  const passwordHash = await unknownPasswordHash();
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await rememberCurrentPassword(trx, id, now);
    await updateUserRow(trx, id, {
      password_hash: passwordHash,
      must_change_password: 0,
      locked_until: null,
      failed_logins: 0,
      updated_at: now.toISOString(),
    });
    await deleteSessionsOf(trx, id);
    await clearThrottlesOf(trx, account);
    const code = await issueActivationCode(trx, { userId: id, issuedBy: actor.userId }, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        changes: { activationExpiresAt: code.expiresAt },
      },
      now,
    );
    return { ...code, userId: id, username: account.username, displayName: account.displayName };
  });
}
