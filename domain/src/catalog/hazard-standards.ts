import type { CatalogCategory, CatalogItem, HazardStandard } from '../schemas/hazard-catalog';
import { COAL_MAJOR_HAZARD_STANDARD } from './hazard-standards-coal';
import { NONMETAL_MAJOR_HAZARD_STANDARD } from './hazard-standards-nonmetal';
import type { MineCategory, MineType } from './mine';

export { COAL_MAJOR_HAZARD_STANDARD } from './hazard-standards-coal';
export { NONMETAL_MAJOR_HAZARD_STANDARD } from './hazard-standards-nonmetal';

/**
 * The major-hazard standards the platform ships. They are stored in the database as versions (an
 * administrator uploads the next version to edit one); hazards record the version they used.
 */
export const SHIPPED_HAZARD_STANDARDS: readonly HazardStandard[] = [
  COAL_MAJOR_HAZARD_STANDARD,
  NONMETAL_MAJOR_HAZARD_STANDARD,
];

/** The standard key that applies to a mine category. */
export const STANDARD_KEY_OF: Record<MineCategory, string> = {
  coal: COAL_MAJOR_HAZARD_STANDARD.key,
  metal_nonmetal: NONMETAL_MAJOR_HAZARD_STANDARD.key,
};

export interface CatalogMatch {
  category: CatalogCategory;
  item: CatalogItem | null;
}

/** Finds a category (and optionally one of its situations) by code in a standard. */
export function findCatalogEntry(
  standard: HazardStandard,
  categoryCode: string,
  itemCode?: string | null,
): CatalogMatch | null {
  const category = standard.categories.find((c) => c.code === categoryCode);
  if (!category) return null;
  if (!itemCode) return { category, item: null };
  const item = category.items.find((i) => i.code === itemCode);
  return item ? { category, item } : null;
}

/** Why a category does not fit a mine (null when it does). */
export function catalogProblem(
  standard: HazardStandard,
  mine: { category: MineCategory; mineType: MineType },
  categoryCode: string,
  itemCode?: string | null,
): { field: 'categoryCode' | 'itemCode'; message: string } | null {
  if (standard.mineCategory !== mine.category)
    return { field: 'categoryCode', message: `隐患类别不属于适用于该矿山的《${standard.title}》` };
  const category = standard.categories.find((c) => c.code === categoryCode);
  if (!category) return { field: 'categoryCode', message: `《${standard.title}》中没有类别${categoryCode}` };
  if (category.mineTypes && !category.mineTypes.includes(mine.mineType))
    return {
      field: 'categoryCode',
      message: `类别“${category.title}”属于${category.part ?? '其他'}，不适用于该矿山`,
    };
  if (itemCode && !category.items.some((i) => i.code === itemCode))
    return { field: 'itemCode', message: `类别“${category.title}”下没有情形${itemCode}` };
  return null;
}
