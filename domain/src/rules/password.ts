import { isCommonPassword } from './common-passwords';

/** Who the password is for: a password that names its user is the first one guessed. */
export interface PasswordOwner {
  username?: string | null | undefined;
}

/** The shortest username part a password may not contain (a two-letter name is in many words). */
const NAME_PART_MIN = 3;

/**
 * 等保 2.0 habit: at least 8 characters from at least three of four classes, not one of the common
 * passwords, and (when the owner is known) not containing the username, whatever the case.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  if (isCommonPassword(password)) return '密码过于常见，容易被猜中，请换一个';
  const username = owner.username?.trim().toLowerCase() ?? '';
  if (username.length >= NAME_PART_MIN && password.toLowerCase().includes(username))
    return '密码不能包含用户名';
  return null;
}

/** How many earlier passwords (the current one included) a new password may not repeat. */
export const PASSWORD_HISTORY = 5;

export const LOGIN_MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
/** However busy, a session ends after this many hours (TIEGUI_SESSION_MAX_HOURS changes it). */
export const SESSION_MAX_HOURS = 12;
/** Sessions one user may hold at once; a new login ends the oldest (TIEGUI_SESSIONS_PER_USER). */
export const SESSIONS_PER_USER = 5;
