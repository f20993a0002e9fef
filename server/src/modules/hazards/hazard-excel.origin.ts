import {
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  type HazardFilter,
  regionName,
  SHIPPED_HAZARD_STANDARDS,
} from '@tiegui/domain';
import { assertMinesInScope, OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import { type FilterWords, filterWords, originLine, yesNoWord } from '../../lib/excel';
import { orgById } from '../orgs/org.service';

/** A category code with its title where a shipped standard knows it: `C09 水害` style. */
function categoryWords(code: string): string {
  const titles = new Set(
    SHIPPED_HAZARD_STANDARDS.flatMap((s) => s.categories.filter((c) => c.code === code).map((c) => c.title)),
  );
  return titles.size === 1 ? `${code} ${[...titles][0]}` : code;
}

/** A mine's name, only when the actor may see the mine (an id out of scope names nothing). */
async function mineWords(db: Db, actor: Actor, id: string): Promise<string> {
  try {
    await assertMinesInScope(db, actor, [id]);
  } catch (error) {
    if (error instanceof OutOfScopeError) return '（不在本单位范围内的矿山）';
    throw error;
  }
  return (await orgById(db, id))?.name ?? '（不在本单位范围内的矿山）';
}

/** The filter of a hazard export as the ledger's second row says it, in the words of the list's filter bar. */
export async function hazardExportOrigin(db: Db, actor: Actor, filter: HazardFilter, at: Date) {
  const words: FilterWords<HazardFilter> = {
    q: ['搜索', (q) => `“${q}”`],
    mineId: ['矿山', (id) => mineWords(db, actor, id)],
    regionCode: ['行政区划', regionName],
    categoryCode: ['隐患类别', categoryWords],
    level: ['隐患等级', (level) => HAZARD_LEVELS[level]],
    state: ['状态', (state) => HAZARD_STATES[state]],
    open: ['是否销号', yesNoWord('未销号', '已销号')],
    source: ['隐患来源', (source) => HAZARD_SOURCES[source]],
    supervised: ['挂牌督办', yesNoWord('是', '否')],
    overdue: ['逾期', yesNoWord('是', '否')],
    selfReported: ['企业自报', yesNoWord('是', '否')],
    foundFrom: ['发现日期起', (day) => day],
    foundTo: ['发现日期止', (day) => day],
  };
  const org = (await orgById(db, actor.orgId))?.name ?? '';
  return originLine({ filters: await filterWords(filter, words), at, org });
}

/** The ledger's title: 重大事故隐患台账 when the export holds one level only. */
export const hazardLedgerTitle = (filter: HazardFilter) =>
  filter.level ? `${HAZARD_LEVELS[filter.level]}台账` : '隐患台账';
