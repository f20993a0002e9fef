import { createHash, randomBytes } from 'node:crypto';
import {
  type Me,
  type PowSolution,
  permissionsOf,
  type Role,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_HOURS,
  SESSIONS_PER_USER,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { coveredRegionsOfOrg, jurisdictionOf } from '../../access/jurisdiction';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { AppError, invalidField } from '../../lib/errors';
import {
  deleteOldestSessions,
  deleteOtherSessions,
  deleteSession,
  deleteSessionsOf,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  recordLogin,
  rolesOf,
  setOwnPassword,
  touchSession,
} from './auth.repository';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { assertNewPassword, rememberPassword } from './password-history.service';
import {
  checkLoginThrottle,
  checkPasswordThrottle,
  clearLoginFailures,
  clearPasswordFailures,
  recordLoginFailure,
  recordPasswordFailure,
} from './throttle.service';

/** How long a session may last and how many one user may hold (AppConfig). */
export interface SessionPolicy {
  maxHours: number;
  perUser: number;
}

export interface SessionDeps {
  db: Db;
  clock: Clock;
  /** SESSION_MAX_HOURS and SESSIONS_PER_USER unless the configuration says otherwise. */
  sessions?: SessionPolicy;
}

const policyOf = (deps: SessionDeps): SessionPolicy =>
  deps.sessions ?? { maxHours: SESSION_MAX_HOURS, perUser: SESSIONS_PER_USER };

export interface AuthDeps extends SessionDeps {
  /** Leading zero bits the first proof of work asks for (AppConfig.powDifficulty). */
  powDifficulty: number;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const TOUCH_EVERY_MS = 60_000;

/**
 * Checks a password and returns a new session token. Every failure, unknown user or wrong
 * password, answers the same 用户名或密码错误 after the same work (a decoy hash for an unknown
 * user) and is counted the same way: waits, a lock for this address and proof of work follow
 * from the counts, not from the account (throttle.service).
 */
export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; pow?: PowSolution | undefined },
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; userId: string }> {
  const { db, clock, powDifficulty } = deps;
  const now = clock.now();
  const attempt = { ip: (client.ip ?? 'unknown').slice(0, 64), username: input.username };
  await checkLoginThrottle(db, attempt, input.pow, { now, baseDifficulty: powDifficulty });
  const user = await findUserByUsername(db, input.username);
  const known = user?.active === 1 ? user : null;
  const passwordOk = await verifyPassword(known?.password_hash ?? (await decoyHash()), input.password);
  if (!known || !passwordOk) {
    const who = known
      ? { userId: known.id, username: known.username, orgId: known.org_id, ip: client.ip }
      : { userId: null, username: input.username, orgId: null, ip: client.ip };
    const locked = await recordLoginFailure(db, attempt, now);
    await db.transaction().execute(async (trx) => {
      await appendAudit(
        trx,
        who,
        { action: 'auth.login_failed', changes: { reason: known ? 'password' : 'unknown' } },
        now,
      );
      if (locked && known)
        await appendAudit(
          trx,
          who,
          { action: 'auth.locked', entityType: 'user', entityId: known.id, changes: { ip: client.ip } },
          now,
        );
    });
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  const who = { userId: known.id, username: known.username, orgId: known.org_id, ip: client.ip };
  const token = randomBytes(32).toString('base64url');
  await clearLoginFailures(db, attempt);
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    await recordLogin(trx, known.id, now.toISOString());
    await insertSession(trx, {
      id: sessionId,
      user_id: known.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 400) ?? null,
    });
    const ended = await deleteOldestSessions(trx, known.id, sessionId, policyOf(deps).perUser);
    await appendAudit(
      trx,
      who,
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: known.id,
        ...(ended > 0 ? { changes: { endedOldestSessions: ended } } : {}),
      },
      now,
    );
  });
  return { token, userId: known.id };
}

export interface SessionInfo {
  actor: Actor;
  displayName: string;
  orgName: string;
  mustChangePassword: boolean;
}

/**
 * Resolves a cookie token to its actor. An idle session (30 minutes) ends here, and so does one
 * older than the policy's hours however busy, with a 401 that says so.
 */
export async function resolveSession(
  deps: SessionDeps,
  token: string,
  ip: string | null,
): Promise<SessionInfo | null> {
  const { db, clock } = deps;
  const now = clock.now();
  const row = await findSession(db, sessionIdOf(token));
  if (!row) return null;
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idleMs > SESSION_IDLE_MINUTES * 60_000 || !row.active) {
    await deleteSession(db, row.sessionId);
    return null;
  }
  const { maxHours } = policyOf(deps);
  if (now.getTime() - new Date(row.created_at).getTime() > maxHours * 3_600_000) {
    await deleteSession(db, row.sessionId);
    throw new AppError('UNAUTHENTICATED', `登录已超过${maxHours}小时，请重新登录`);
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

/**
 * Logging out ends every session of the user, not only this one: a session left open on another
 * computer is one the user has forgotten (the page says so beside 退出登录).
 */
export async function logout({ db, clock }: SessionDeps, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOf(trx, actor.userId);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
        changes: { endedSessions: ended },
      },
      clock.now(),
    );
  });
}

/** Changes the actor's own password (not one of the last few); other sessions of the user end. */
export async function changePassword(
  { db, clock }: SessionDeps,
  actor: Actor,
  token: string,
  input: { oldPassword: string; newPassword: string },
): Promise<void> {
  const now = clock.now();
  await checkPasswordThrottle(db, actor.userId, now);
  const user = await findUserById(db, actor.userId);
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) {
    await recordPasswordFailure(db, actor.userId, now);
    throw invalidField('oldPassword', '原密码不正确');
  }
  await clearPasswordFailures(db, actor.userId);
  if (input.oldPassword === input.newPassword) throw invalidField('newPassword', '新密码不能与原密码相同');
  await assertNewPassword(
    db,
    { id: user.id, username: user.username, displayName: user.display_name, current: user.password_hash },
    input.newPassword,
    { key: 'newPassword', label: '新密码' },
  );
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await rememberPassword(trx, actor.userId, user.password_hash, now);
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
