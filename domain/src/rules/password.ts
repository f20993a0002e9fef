/** 等保 2.0 habit: at least 8 characters from at least three of four classes. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  return null;
}

export const LOGIN_MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
