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
