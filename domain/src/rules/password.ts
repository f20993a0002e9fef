import { isCommonPassword } from './common-passwords';

/** Who the password is for: a password that names its user is the first one guessed. */
export interface PasswordOwner {
  username?: string | null | undefined;
  /** 姓名 as the account shows it (王强, or a Latin name). */
  displayName?: string | null | undefined;
}

/** The shortest username part a password may not contain (a two-letter name is in many words). */
const NAME_PART_MIN = 3;

/**
 * A name as a password would hold it: lower case, no spaces; empty when too short to hold against
 * a password. Two Chinese characters are a whole given name and family name (王强); two Latin
 * letters are in too many words.
 */
function namePart(name: string | null | undefined): string {
  const part = (name ?? '').replace(/\s+/g, '').toLowerCase();
  const min = /^[\x20-\x7e]*$/.test(part) ? NAME_PART_MIN : 2;
  return part.length >= min ? part : '';
}

/**
 * 等保 2.0 habit: at least 8 characters from at least three of four classes, not one of the common
 * passwords, and (when the owner is known) not containing the username or 姓名, whatever the case.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  if (isCommonPassword(password)) return '密码过于常见，容易被猜中，请换一个';
  const lower = password.toLowerCase();
  const username = namePart(owner.username);
  if (username && lower.includes(username)) return '密码不能包含用户名';
  const displayName = namePart(owner.displayName);
  if (displayName && lower.replace(/\s+/g, '').includes(displayName)) return '密码不能包含姓名';
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
