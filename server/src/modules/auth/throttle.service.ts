import { createHash, randomBytes } from 'node:crypto';
import { meetsDifficulty, type PowChallenge, type PowSolution, powInput } from '@tiegui/domain';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/errors';
import {
  CHALLENGE_MINUTES,
  lockMinutesAfter,
  PRUNE_AFTER_MINUTES,
  powDifficulty,
  THROTTLE_RULES,
  type ThrottleScope,
  waitSecondsAfter,
} from './throttle.policy';
import {
  consumeChallenge,
  countFailure,
  deleteThrottle,
  deleteThrottlesOf,
  lockedUsernames as lockedRows,
  pruneThrottles,
  setPenalty,
  storeChallenge,
  type ThrottleKey,
  throttleRows,
} from './throttle.repository';

/** Who is trying: the address a login comes from (as the proxy says) and the username typed. */
export interface LoginAttempt {
  ip: string;
  username: string;
}

type Row = Awaited<ReturnType<typeof throttleRows>>[number];

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();
const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

const loginKeys = ({
  ip,
  username,
}: LoginAttempt): Record<'login' | 'login_ip' | 'login_account', ThrottleKey> => ({
  login: { scope: 'login', ip, username },
  login_ip: { scope: 'login_ip', ip, username: '' },
  login_account: { scope: 'login_account', ip: '', username },
});
const passwordKey = (userId: string): ThrottleKey => ({ scope: 'password', ip: '', username: userId });

/** The failures a scope's row holds that still count now. */
function failuresOf(rows: readonly Row[], scope: ThrottleScope, now: Date): number {
  const row = rows.find((r) => r.scope === scope);
  if (!row?.last_failed_at) return 0;
  return row.last_failed_at >= minutesBefore(now, THROTTLE_RULES[scope].windowMinutes) ? row.failures : 0;
}

function tooSoon(until: string, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
  return new AppError('TOO_MANY_REQUESTS', `尝试过于频繁，请${seconds}秒后再试`, undefined, {
    retryAfterSeconds: seconds,
  });
}

function lockedMessage(until: string, now: Date): string {
  const end = new Date(until);
  const sameDay = end.getTime() - now.getTime() < 12 * 3600_000;
  const when = end.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
  return `登录失败次数过多，该账号在本地址已锁定，请于${when}后重试或联系安全管理员解锁`;
}

const latest = (times: (string | null | undefined)[], now: Date) =>
  times
    .filter((t): t is string => !!t && t > now.toISOString())
    .sort()
    .at(-1);

/**
 * Before a password is checked: a locked pair answers 423, a wait not yet over 429 with
 * Retry-After, and once work is due an attempt without a solved challenge 428 with a new one.
 * Nothing here depends on whether the username exists.
 */
export async function checkLoginThrottle(
  db: Db,
  attempt: LoginAttempt,
  pow: PowSolution | undefined,
  options: { now: Date; baseDifficulty: number },
): Promise<void> {
  const { now } = options;
  const keys = loginKeys(attempt);
  const rows = await throttleRows(db, Object.values(keys));
  const rowOf = (scope: ThrottleScope) => rows.find((r) => r.scope === scope);
  const pair = rowOf('login');
  const lock = latest([pair?.locked_until], now);
  if (lock) throw new AppError('LOCKED', lockedMessage(lock, now));
  const wait = latest([pair?.wait_until, rowOf('login_ip')?.wait_until], now);
  if (wait) throw tooSoon(wait, now);
  const difficulty = powDifficulty(options.baseDifficulty, {
    login: failuresOf(rows, 'login', now),
    login_ip: failuresOf(rows, 'login_ip', now),
    login_account: failuresOf(rows, 'login_account', now),
  });
  if (difficulty === null) return;
  if (pow && (await proves(db, keys.login, pair, pow, now))) return;
  const open = pair?.pow_salt && pair.pow_expires_at && pair.pow_expires_at > now.toISOString();
  const challenge: PowChallenge =
    open && pair.pow_salt && pair.pow_difficulty !== null
      ? { salt: pair.pow_salt, difficulty: pair.pow_difficulty }
      : { salt: randomBytes(16).toString('hex'), difficulty };
  if (!open) {
    await storeChallenge(
      db,
      keys.login,
      { ...challenge, expiresAt: later(now, CHALLENGE_MINUTES * 60_000) },
      now.toISOString(),
    );
  }
  throw new AppError('POW_REQUIRED', '请先完成安全校验再登录', undefined, { challenge });
}

/** Whether the solution answers the pair's open challenge; if so the challenge is used up. */
async function proves(db: Db, key: ThrottleKey, pair: Row | undefined, pow: PowSolution, now: Date) {
  if (!pair?.pow_salt || pair.pow_salt !== pow.salt || pair.pow_difficulty === null) return false;
  const digest = createHash('sha256').update(powInput(pow.salt, pow.nonce)).digest();
  if (!meetsDifficulty(digest, pair.pow_difficulty)) return false;
  return consumeChallenge(db, key, pow.salt, now.toISOString());
}

/** Counts a failed login in each of its scopes and sets the wait or lock it earns; true when it locked. */
export async function recordLoginFailure(db: Db, attempt: LoginAttempt, now: Date): Promise<boolean> {
  const at = now.toISOString();
  let locked = false;
  for (const key of Object.values(loginKeys(attempt))) {
    const failures = await countFailure(
      db,
      key,
      minutesBefore(now, THROTTLE_RULES[key.scope].windowMinutes),
      at,
    );
    locked = (await penalize(db, key, failures, now)) || locked;
  }
  await pruneThrottles(db, minutesBefore(now, PRUNE_AFTER_MINUTES));
  return locked;
}

async function penalize(db: Db, key: ThrottleKey, failures: number, now: Date): Promise<boolean> {
  const rule = THROTTLE_RULES[key.scope];
  if (rule.waitAfter === undefined && rule.lockAfter === undefined) return false;
  const lock = lockMinutesAfter(key.scope, failures);
  const wait = lock === null ? waitSecondsAfter(key.scope, failures) : null;
  await setPenalty(db, key, {
    locked_until: lock === null ? null : later(now, lock * 60_000),
    wait_until: wait === null ? null : later(now, wait * 1000),
  });
  return lock !== null;
}

/** A successful login forgets this address's failures for the username. */
export async function clearLoginFailures(db: Db, attempt: LoginAttempt): Promise<void> {
  await deleteThrottle(db, loginKeys(attempt).login);
}

/** Before an old password is checked: 429 while a wait earned by wrong ones is not over. */
export async function checkPasswordThrottle(db: Db, userId: string, now: Date): Promise<void> {
  const [row] = await throttleRows(db, [passwordKey(userId)]);
  const wait = latest([row?.wait_until], now);
  if (wait) throw tooSoon(wait, now);
}

export async function recordPasswordFailure(db: Db, userId: string, now: Date): Promise<void> {
  const key = passwordKey(userId);
  const failures = await countFailure(
    db,
    key,
    minutesBefore(now, THROTTLE_RULES.password.windowMinutes),
    now.toISOString(),
  );
  await penalize(db, key, failures, now);
}

export async function clearPasswordFailures(db: Db, userId: string): Promise<void> {
  await deleteThrottle(db, passwordKey(userId));
}

/** What the security administrator's 解锁 clears: every count, wait and lock of the account, from every address. */
export async function clearThrottlesOf(db: Db, user: { id: string; username: string }): Promise<void> {
  await deleteThrottlesOf(db, [user.username, user.id]);
}

/** Which of these usernames are locked out from some address now. */
export async function lockedUsernames(db: Db, usernames: readonly string[], now: Date): Promise<Set<string>> {
  return new Set(await lockedRows(db, usernames, now.toISOString()));
}
