import {
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_CATEGORIES,
  MINE_STATUSES,
  MINE_TYPES,
  type MineListQuery,
  regionName,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import { type FilterWords, filterWords, originLine } from '../../lib/excel';
import { orgById } from '../orgs/org.service';

type MineFilter = Omit<MineListQuery, 'sort' | 'cursor' | 'limit'>;

/** The filter of a mine export as the ledger's second row says it, in the words of the list's filter bar. */
export async function mineExportOrigin(db: Db, actor: Actor, filter: MineFilter, at: Date) {
  const orgName = async (id: string) => (await orgById(db, id))?.name ?? '（未找到的单位）';
  const words: FilterWords<MineFilter> = {
    q: ['搜索', (q) => `“${q}”`],
    regionCode: ['行政区划', regionName],
    category: ['矿山类别', (v) => MINE_CATEGORIES[v]],
    mineType: ['矿山类型', (v) => MINE_TYPES[v]],
    status: ['生产状态', (v) => MINE_STATUSES[v]],
    gasGrade: ['瓦斯等级', (v) => GAS_GRADES[v]],
    hydroType: ['水文地质类型', (v) => HYDRO_TYPES[v]],
    groupOrgId: ['上级公司', orgName],
    supervisorOrgId: ['监管部门', orgName],
    // In use is what a list shows unless asked otherwise: only the other choice is said.
    active: ['启用状态', (active) => (active ? null : '停用')],
  };
  const org = (await orgById(db, actor.orgId))?.name ?? '';
  return originLine({ filters: await filterWords(filter, words), at, org });
}
