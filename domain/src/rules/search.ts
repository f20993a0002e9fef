/**
 * 全文检索: a query matches a text when it is a substring of it, both normalised (NFKC folds
 * full-width letters and digits and compatibility forms, then lower case, then whitespace
 * removed). Indexed without the databases' word parsers, which depend on the locale for Chinese
 * (and most queries are two characters: 瓦斯, 水害, 顶板): a text becomes the codes of its
 * overlapping character pairs, in order, then its last character alone. A query of two or more
 * characters is the phrase of its pairs (at adjacent positions: exactly the substring); a query
 * of one character is a prefix query on its code, which starts every token of that character.
 * Codes are ASCII, so SQLite FTS5 and PostgreSQL's tsvector take them as they are. Changing the
 * codes means rebuilding the index in a migration.
 */

/** The longest query, in characters after normalising; the index relies on it (PostgreSQL parts overlap by this much). */
export const SEARCH_QUERY_MAX = 50;

/** Folds width and case and drops whitespace: the text a query is matched against. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Codes of the Basic Multilingual Plane once computed (indexing millions of hazards repeats them). */
const BMP_CODES: (string | undefined)[] = [];

/** A character's code: its code point in base 36, four digits (U+10FFFF is "nvxr"). */
function codeOf(char: string): string {
  const point = char.codePointAt(0) ?? 0;
  const known = BMP_CODES[point];
  if (known !== undefined) return known;
  const code = point.toString(36).padStart(4, '0');
  if (point < 0x10000) BMP_CODES[point] = code;
  return code;
}

function codesOf(text: string): string[] {
  const codes: string[] = [];
  for (const char of normalizeSearchText(text)) codes.push(codeOf(char));
  return codes;
}

function pairsOf(codes: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 1; i < codes.length; i++) pairs.push(codes[i - 1]! + codes[i]!);
  return pairs;
}

/**
 * The tokens of one text in order: each pair of adjacent characters, then the last character
 * alone (so every character starts a token, for one-character queries). Empty for an empty text.
 */
export function searchTokens(text: string): string[] {
  const codes = codesOf(text);
  const last = codes[codes.length - 1];
  if (last === undefined) return [];
  const tokens = pairsOf(codes);
  tokens.push(last);
  return tokens;
}

export type SearchQuery =
  /** Nothing left after normalising: every text matches. */
  | { kind: 'all' }
  /** One character: a token starting with this code. */
  | { kind: 'prefix'; prefix: string }
  /** Two or more characters: these tokens at adjacent positions, in this order. */
  | { kind: 'phrase'; tokens: string[] }
  /** Longer than SEARCH_QUERY_MAX characters once normalised. */
  | { kind: 'tooLong' };

/** What the index is asked for a query (see SearchQuery). */
export function searchQuery(q: string): SearchQuery {
  const codes = codesOf(q);
  const first = codes[0];
  if (first === undefined) return { kind: 'all' };
  if (codes.length > SEARCH_QUERY_MAX) return { kind: 'tooLong' };
  if (codes.length === 1) return { kind: 'prefix', prefix: first };
  return { kind: 'phrase', tokens: pairsOf(codes) };
}
