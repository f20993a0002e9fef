import type { ListCheck } from './scope-kinds';

/* Lists that show some of a kind's records (today's work, a search): the matrix checks they show no more. */

/** 今日工作 lists some of the obligations the actor may see: never more. */
export const TODAY_DUTIES: ListCheck[] = ['duties', 'reviews'].map((key) => ({
  path: '/api/today',
  at: [key, 'id'],
}));

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

/** The search's checks for one kind: its ids, at that kind's key of the answer. */
export function searchChecks(kind: keyof typeof SEARCHES): ListCheck[] {
  return SEARCHES[kind].map((q) => ({
    path: '/api/search',
    query: `q=${encodeURIComponent(q)}`,
    at: [kind, 'id'],
  }));
}
