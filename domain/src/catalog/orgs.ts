export const ORG_KINDS = {
  province: '省级',
  division: '监察执法处',
  city: '市级',
  county: '县级',
  group: '矿山上级公司',
  mine: '矿山企业',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const REGULATOR_KINDS: readonly OrgKind[] = ['province', 'division', 'city', 'county'];

/** Which kinds of org may be the parent of which (a mine sits under the bureau supervising it). */
export const ALLOWED_PARENT_KINDS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  province: [null],
  division: ['province'],
  city: ['province'],
  county: ['city'],
  group: ['province', 'city', 'county'],
  mine: ['city', 'county'],
};

/**
 * The pair that issues jointly by default: the seed's 矿安晋〔2024〕126号 is issued by 国家矿山安全监察局
 * 山西局 and 山西省应急管理厅 together. Pairs are data a system administrator edits; this one is stored
 * when the two orgs are.
 */
export const DEFAULT_JOINT_ISSUERS: readonly (readonly [string, string])[] = [
  ['国家矿山安全监察局山西局', '山西省应急管理厅'],
];
