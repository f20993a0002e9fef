/**
 * 统一社会信用代码 (GB 32100-2015) check character, ISO 7064 MOD 31-3 over a 31-character set.
 * Source: ../shared/domain/REFERENCE.md §10 (H).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'length' | 'format' | 'checksum';

/** Computes the 18th character for the first 17 characters of a code. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid USCC character at ${i}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '0';
}

/** Returns null when the code is valid, else what is wrong with it. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (!USCC_FORMAT.test(code)) return 'format';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

export const USCC_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  format: '统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z，字母须大写）',
  checksum: '统一社会信用代码校验位不正确，请核对后重新输入',
};
