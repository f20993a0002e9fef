import type { ListCheck } from './scope-kinds';

/* Lists that show some of a kind's records (today's work, a search): the matrix checks they show no more. */

/** 今日工作's lines of a kind, at their keys of the answer. */
const today = (...at: (readonly [string, string])[]): ListCheck[] =>
  at.map((a) => ({ path: '/api/today', at: a }));

/**
 * What the matrix searches for with 全局搜索, by the kind of record each finds: text matching
 * records in every county of the demo (a mine name two counties share, a credit code's region
 * digits), so each account's answer is checked to hold nothing it may not see.
 */
const SEARCHES = {
  mines: ['东山', '1409', '煤矿'],
  hazards: ['示例', '瓦斯'],
  notices: ['应急发', '铁规'],
} as const;

const search = (kind: keyof typeof SEARCHES): ListCheck[] =>
  SEARCHES[kind].map((q) => ({ path: '/api/search', query: `q=${encodeURIComponent(q)}`, at: [kind, 'id'] }));

/** The 三员's first page: the lines of each section, by the kind of record they are. */
const adminToday = (...sections: string[]): ListCheck[] =>
  sections.map((section) => ({ path: '/api/today/admin', at: [section, 'id'] }));

/** By record kind (its name in RECORD_KINDS): the lists showing some of its records. */
export const PARTIAL_LISTS: Readonly<Record<string, readonly ListCheck[]>> = {
  mines: search('mines'),
  hazards: [...search('hazards'), ...today(['hazards', 'id'], ['supervisions', 'hazardId'])],
  notices: [...search('notices'), ...today(['notices', 'id'])],
  obligations: today(['duties', 'id'], ['reviews', 'id']),
  'account changes': adminToday('approvals', 'requests'),
  users: adminToday('locked', 'activations', 'attention'),
};
