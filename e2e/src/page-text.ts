/**
 * What visible text may not hold: English a user would have to read, or a raw key of the code. Ids,
 * 文号 digits, usernames (`dx-mine`), units beside numbers (`3m`), acronyms (`IP`, `CSV`) and the
 * brand names below are fine.
 */

/** Words that only reach a page when code prints a value or a message it should not. */
const LEAKS = new Set([
  'undefined',
  'null',
  'nan',
  'infinity',
  'invalid',
  'error',
  'exception',
  'true',
  'false',
  'object',
  'function',
  'expected',
  'received',
  'required',
]);

/** Names users read as they are. */
const BRANDS = new Set(['Excel', 'Word', 'WPS', 'Chrome', 'Edge', 'Firefox', 'Tiegui']);

const FILE_EXTENSION = /\.(xlsx|xls|csv|docx|doc|pdf|png|jpe?g|txt|zip|ofd)$/i;

/** Why a token of ASCII text is not for a user's eyes, or null when it is fine. */
export function strayReason(token: string): string | null {
  if (FILE_EXTENSION.test(token)) return null;
  const word = token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (!word) return null;
  for (const part of word.split(/[^A-Za-z]+/)) {
    if (LEAKS.has(part.toLowerCase())) return 'a value or message of the code';
  }
  if (/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(word)) return 'a camelCase identifier';
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/i.test(word)) return 'a snake_case identifier';
  if (/^[a-z]+(?:\.[a-z_]+)+$/.test(word)) return 'a dotted key';
  if (/^[A-Za-z][a-z]{2,}$/.test(word) && !BRANDS.has(word)) return 'an English word';
  return null;
}

/**
 * Each token of the text that should not be there, with why (the same token once). Tokens are runs
 * of letters, digits and `_ . - /`, so JSON's keys and quoted values are read one by one; links are
 * left out.
 */
export function strayEnglish(text: string): string[] {
  const found = new Map<string, string>();
  for (const token of text.replace(/https?:\/\/\S+/g, ' ').match(/[A-Za-z0-9_./-]+/g) ?? []) {
    const reason = strayReason(token);
    if (reason && !found.has(token)) found.set(token, reason);
  }
  return [...found].map(([token, reason]) => `"${token}" (${reason})`);
}
