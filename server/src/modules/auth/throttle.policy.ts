import { LOCKOUT_MINUTES, LOGIN_MAX_FAILURES } from '@tiegui/domain';

/**
 * How repeated failures are slowed down. Counted per scope:
 * - `login`: one username from one address. After 3 failures each attempt waits 2, 4 … seconds;
 *   after 5 that address may not try the username for 15 minutes, doubling with each further
 *   failure. Only the address that failed is locked, so an outsider cannot lock sx-sec out.
 * - `login_ip`: every username from one address (guessing many accounts): proof of work after 5,
 *   growing waits after 20.
 * - `login_account`: one username from every address (an attacker changing address): proof of
 *   work after 10 for everyone, never a lock or a wait, which would lock the owner out.
 * - `password`: a signed-in user's wrong old passwords: growing waits after 3.
 * Unknown usernames are counted like real ones, so no answer tells whether an account exists.
 */
export const THROTTLE_SCOPES = ['login', 'login_ip', 'login_account', 'password'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

interface ScopeRule {
  /** Failures older than this no longer count: the next one starts over at 1. */
  windowMinutes: number;
  /** From this many failures on, each attempt waits (2, 4, 8 … seconds). */
  waitAfter?: number;
  /** From this many failures on, attempts bring a proof of work. */
  powAfter?: number;
  /** From this many failures on, the scope is locked (LOCKOUT_MINUTES, doubling). */
  lockAfter?: number;
}

export const THROTTLE_RULES: Record<ThrottleScope, ScopeRule> = {
  login: { windowMinutes: 24 * 60, waitAfter: 3, powAfter: 2, lockAfter: LOGIN_MAX_FAILURES },
  login_ip: { windowMinutes: 60, waitAfter: 20, powAfter: 5 },
  login_account: { windowMinutes: 60, powAfter: 10 },
  password: { windowMinutes: 24 * 60, waitAfter: 3 },
};

const MAX_WAIT_SECONDS = 15 * 60;
const MAX_LOCK_MINUTES = 24 * 60;
/** Rows untouched this long hold nothing that still counts (the longest window and lock). */
export const PRUNE_AFTER_MINUTES = 25 * 60;
/** A challenge is good for this long. */
export const CHALLENGE_MINUTES = 5;
/** Each failure past the threshold makes the work twice as long, up to 16 times. */
const MAX_EXTRA_DIFFICULTY = 4;

/** The seconds to wait after this many failures, or null when attempts need not wait yet. */
export function waitSecondsAfter(scope: ThrottleScope, failures: number): number | null {
  const after = THROTTLE_RULES[scope].waitAfter;
  if (after === undefined || failures < after) return null;
  return Math.min(2 ** (failures - after + 1), MAX_WAIT_SECONDS);
}

/** The minutes of the lock after this many failures, or null when there is none. */
export function lockMinutesAfter(scope: ThrottleScope, failures: number): number | null {
  const after = THROTTLE_RULES[scope].lockAfter;
  if (after === undefined || failures < after) return null;
  return Math.min(LOCKOUT_MINUTES * 2 ** (failures - after), MAX_LOCK_MINUTES);
}

/**
 * The difficulty of the work an attempt must bring, given each scope's current failures, or null
 * when none is due. `base` is the configured difficulty (small in tests).
 */
export function powDifficulty(base: number, failures: Partial<Record<ThrottleScope, number>>): number | null {
  let extra: number | null = null;
  for (const scope of THROTTLE_SCOPES) {
    const count = failures[scope] ?? 0;
    const after = THROTTLE_RULES[scope].powAfter;
    if (after !== undefined && count >= after) extra = Math.max(extra ?? 0, count - after);
  }
  return extra === null ? null : base + Math.min(extra, MAX_EXTRA_DIFFICULTY);
}
