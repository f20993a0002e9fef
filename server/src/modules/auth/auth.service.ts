import { createHash, randomBytes } from 'node:crypto';
import {
  LOCKOUT_MINUTES,
  LOGIN_MAX_FAILURES,
  type Me,
  permissionsOf,
  type Role,
  SESSION_IDLE_MINUTES,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { coveredRegionsOfOrg, jurisdictionOf } from '../../access/jurisdiction';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { AppError, invalidField } from '../../lib/errors';
import {
  deleteOtherSessions,
  deleteSession,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  recordLogin,
  rolesOf,
  setLoginFailures,
  setOwnPassword,
  touchSession,
} from './auth.repository';
import { decoyHash, hashPassword, verifyPassword } from './password';

export interface AuthDeps {
  db: Db;
  clock: Clock;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const TOUCH_EVERY_MS = 60_000;

/** Checks a password, counts failures and locks after five; returns a new session token. */
export async function login(
  { db, clock }: AuthDeps,
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; userId: string }> {
  const now = clock.now();
  const user = await findUserByUsername(db, input.username);
  const anonymous = { userId: null, username: input.username, orgId: null, ip: client.ip };
  if (!user?.active) {
    await verifyPassword(await decoyHash(), input.password);
    await recordAudit(db, anonymous, { action: 'auth.login_failed', changes: { reason: 'unknown' } }, now);
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  const who = { userId: user.id, username: user.username, orgId: user.org_id, ip: client.ip };
  if (user.locked_until && new Date(user.locked_until) > now) {
    await recordAudit(db, who, { action: 'auth.login_failed', changes: { reason: 'locked' } }, now);
    throw new AppError('LOCKED', lockedMessage(new Date(user.locked_until)));
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
    await db.transaction().execute(async (trx) => {
      await setLoginFailures(trx, user.id, lock ? 0 : failures, lockedUntil?.toISOString() ?? null);
      await appendAudit(trx, who, { action: 'auth.login_failed', changes: { failures } }, now);
      if (lock)
        await appendAudit(trx, who, { action: 'auth.locked', entityType: 'user', entityId: user.id }, now);
    });
    if (lockedUntil) throw new AppError('LOCKED', lockedMessage(lockedUntil));
    throw new AppError(
      'UNAUTHENTICATED',
      `用户名或密码错误，再错${LOGIN_MAX_FAILURES - failures}次账号将锁定${LOCKOUT_MINUTES}分钟`,
    );
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await recordLogin(trx, user.id, now.toISOString());
    await insertSession(trx, {
      id: sessionIdOf(token),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 400) ?? null,
    });
    await appendAudit(trx, who, { action: 'auth.login', entityType: 'user', entityId: user.id }, now);
  });
  return { token, userId: user.id };
}

function lockedMessage(until: Date): string {
  const hhmm = until.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `连续${LOGIN_MAX_FAILURES}次密码错误，账号已锁定，请于${hhmm}后重试或联系安全管理员解锁`;
}

export interface SessionInfo {
  actor: Actor;
  displayName: string;
  orgName: string;
  mustChangePassword: boolean;
}

/** Resolves a cookie token to its actor; an idle session (30 minutes) ends here. */
export async function resolveSession(
  { db, clock }: AuthDeps,
  token: string,
  ip: string | null,
): Promise<SessionInfo | null> {
  const now = clock.now();
  const row = await findSession(db, sessionIdOf(token));
  if (!row) return null;
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idleMs > SESSION_IDLE_MINUTES * 60_000 || !row.active) {
    await deleteSession(db, row.sessionId);
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) await touchSession(db, row.sessionId, now.toISOString());
  const org = { id: row.orgId, kind: row.orgKind, path: row.orgPath, region_code: row.regionCode };
  const [roles, coveredRegions] = await Promise.all([rolesOf(db, row.userId), coveredRegionsOfOrg(db, org)]);
  return {
    actor: {
      ...jurisdictionOf(org, coveredRegions),
      userId: row.userId,
      username: row.username,
      roles: roles as Role[],
      ip,
    },
    displayName: row.display_name,
    orgName: row.orgName,
    mustChangePassword: row.must_change_password === 1,
  };
}

export async function logout({ db, clock }: AuthDeps, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionIdOf(token));
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'auth.logout', entityType: 'user', entityId: actor.userId },
      clock.now(),
    );
  });
}

/** Changes the actor's own password; other sessions of the user end. */
export async function changePassword(
  { db, clock }: AuthDeps,
  actor: Actor,
  token: string,
  input: { oldPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) {
    throw invalidField('oldPassword', '原密码不正确');
  }
  if (input.oldPassword === input.newPassword) throw invalidField('newPassword', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, actor.userId, passwordHash, now.toISOString());
    await deleteOtherSessions(trx, actor.userId, sessionIdOf(token));
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'auth.password_changed', entityType: 'user', entityId: actor.userId },
      now,
    );
  });
}

export function meOf(info: SessionInfo): Me {
  const { actor } = info;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: info.displayName,
    roles: actor.roles,
    permissions: [...permissionsOf(actor.roles)].sort(),
    mustChangePassword: info.mustChangePassword,
    org: { id: actor.orgId, name: info.orgName, kind: actor.orgKind, regionCode: actor.regionCode },
  };
}
