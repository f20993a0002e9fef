import { describe, expect, it } from 'vitest';
import { normalizeSearchText, SEARCH_QUERY_MAX, searchQuery, searchTokens } from './search';

/**
 * The index as both databases read it: a hazard's description and location are separate token
 * lists (an FTS5 column each; a gap of a position on PostgreSQL), a phrase matches adjacent
 * tokens within one list, a prefix matches any token starting with it.
 */
function indexMatches(q: string, ...texts: string[]): boolean {
  const query = searchQuery(q);
  return texts.some((text) => {
    const tokens = searchTokens(text);
    switch (query.kind) {
      case 'all':
        return true;
      case 'tooLong':
        throw new Error('too long');
      case 'prefix':
        return tokens.some((t) => t.startsWith(query.prefix));
      case 'phrase':
        return tokens.some((_, i) => query.tokens.every((t, j) => tokens[i + j] === t));
      default: {
        const never: never = query;
        return never;
      }
    }
  });
}

/** What a search promises: the query is a substring of the text, both normalised. */
const substringOf = (q: string, ...texts: string[]) =>
  texts.some((text) => normalizeSearchText(text).includes(normalizeSearchText(q)));

const DESCRIPTION = '3号煤层回采工作面前方未按规定进行探放水，瓦斯超限后继续作业';
const LOCATION = '井下3102回采工作面';

describe('normalising', () => {
  it('folds full-width letters and digits, case and compatibility forms; drops whitespace', () => {
    expect(normalizeSearchText('ＡＢＣ　１２３ Ｍine\t')).toBe('abc123mine');
    expect(normalizeSearchText('瓦 斯\n超限')).toBe('瓦斯超限');
    expect(normalizeSearchText('㍿')).toBe('株式会社');
  });
});

describe('tokens', () => {
  it('are the pairs of adjacent characters, then the last character alone', () => {
    const code = (c: string) => c.codePointAt(0)!.toString(36).padStart(4, '0');
    expect(searchTokens('瓦斯超')).toEqual([code('瓦') + code('斯'), code('斯') + code('超'), code('超')]);
    expect(searchTokens('水')).toEqual([code('水')]);
    expect(searchTokens(' \u3000')).toEqual([]);
  });

  it('are lower-case ASCII letters and digits of fixed width, up to U+10FFFF', () => {
    const tokens = searchTokens('A𠀀\u{10FFFF}é');
    expect(tokens.every((t) => /^([0-9a-z]{4}){1,2}$/.test(t))).toBe(true);
    expect(tokens).toHaveLength(4);
  });
});

describe('queries', () => {
  it('one character is a prefix query, two or more the phrase of their pairs', () => {
    expect(searchQuery('水')).toEqual({ kind: 'prefix', prefix: searchTokens('水')[0] });
    expect(searchQuery('瓦斯')).toEqual({ kind: 'phrase', tokens: [searchTokens('瓦斯')[0]] });
    expect(searchQuery(' 瓦斯超 ')).toEqual({ kind: 'phrase', tokens: searchTokens('瓦斯超').slice(0, 2) });
  });

  it('nothing left after normalising matches everything; too long is said so', () => {
    expect(searchQuery(' \u3000\t')).toEqual({ kind: 'all' });
    expect(searchQuery('瓦'.repeat(SEARCH_QUERY_MAX)).kind).toBe('phrase');
    expect(searchQuery('瓦'.repeat(SEARCH_QUERY_MAX + 1))).toEqual({ kind: 'tooLong' });
    // Fewer characters typed than the limit, more once compatibility forms are spelled out.
    expect(searchQuery('㍿'.repeat(13))).toEqual({ kind: 'tooLong' });
  });

  it('match exactly the substrings: 1 and 2 characters, mixed Latin, digits and Chinese, full width, spaces', () => {
    for (const [q, expected] of [
      ['水', true],
      ['瓦', true],
      ['业', true], // the last character of the description
      ['面', true], // the last character of the location
      ['煤', true],
      ['铁', false],
      ['瓦斯', true],
      ['斯瓦', false],
      ['3102', true],
      ['３１０２回采', true],
      ['3号', true],
      ['3号煤层回采', true],
      ['号煤回采', false],
      ['探放水，瓦斯', true],
      ['探放水,瓦斯', true], // NFKC folds the full-width comma
      ['探 放 水', true],
      ['井下3102回采工作面', true],
      ['井下3103', false],
      ['作业井下', false], // the description's end and the location's start
      ['业井', false],
    ] as const) {
      expect(indexMatches(q, DESCRIPTION, LOCATION), q).toBe(expected);
      expect(substringOf(q, DESCRIPTION, LOCATION), q).toBe(expected);
    }
    expect(indexMatches('abc', 'xABCy')).toBe(true);
    expect(indexMatches('ＡＢＣ', 'xabcy')).toBe(true);
  });

  it('agree with the substring rule on random texts and queries over a small alphabet', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['瓦', '斯', '水', 'A', 'a', 'Ａ', '1', '１', ' ', '𠀀'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * 10)]).join('');
    for (let i = 0; i < 300; i++) {
      const description = text(1 + Math.floor(random() * 12));
      const location = text(1 + Math.floor(random() * 6));
      // Sliced by code point: half a surrogate pair is no character anyone types.
      const chars = (t: string, from: number, to?: number) => Array.from(t).slice(from, to).join('');
      const queries = [
        text(1 + Math.floor(random() * 4)),
        chars(description, 2, 5),
        chars(description, -2) + chars(location, 0, 2),
      ];
      for (const q of queries) {
        if (searchQuery(q).kind === 'all') continue;
        expect(indexMatches(q, description, location), `${q} in ${description} | ${location}`).toBe(
          substringOf(q, description, location),
        );
      }
    }
  });
});
