/**
 * Enumerations of the mine registry (基础信息数据库), with the Chinese labels users read.
 * Sources: ../shared/domain/REFERENCE.md §8 (瓦斯等级 H, 水文地质类型 H, 冲击危险性 M, 自燃倾向性 M).
 */
export const MINE_CATEGORIES = { coal: '煤矿', metal_nonmetal: '金属非金属矿山' } as const;
export type MineCategory = keyof typeof MINE_CATEGORIES;

export const MINE_TYPES = {
  underground: '井工（地下）矿山',
  open_pit: '露天矿山',
  tailings_pond: '尾矿库',
} as const;
export type MineType = keyof typeof MINE_TYPES;

export const MINE_STATUSES = {
  producing: '生产',
  construction: '建设',
  suspended_rectification: '停产整顿',
  long_term_suspended: '长期停产',
  closed: '关闭',
} as const;
export type MineStatus = keyof typeof MINE_STATUSES;

export const GAS_GRADES = { low: '低瓦斯', high: '高瓦斯', outburst: '突出' } as const;
export type GasGrade = keyof typeof GAS_GRADES;

export const HYDRO_TYPES = { simple: '简单', medium: '中等', complex: '复杂', extreme: '极复杂' } as const;
export type HydroType = keyof typeof HYDRO_TYPES;

export const ROCK_BURST_LEVELS = { none: '无', weak: '弱', medium: '中等', strong: '强' } as const;
export type RockBurstLevel = keyof typeof ROCK_BURST_LEVELS;

export const COMBUSTION_TENDENCIES = {
  class1: 'Ⅰ类 容易自燃',
  class2: 'Ⅱ类 自燃',
  class3: 'Ⅲ类 不易自燃',
} as const;
export type CombustionTendency = keyof typeof COMBUSTION_TENDENCIES;

/** Looks up the key whose label equals the given Chinese text (for Excel import). */
export function keyByLabel<T extends Record<string, string>>(labels: T, text: string): keyof T | undefined {
  const trimmed = text.trim();
  return (Object.keys(labels) as (keyof T)[]).find((k) => labels[k] === trimmed || k === trimmed);
}
