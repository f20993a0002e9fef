/**
 * GB/T 2260 administrative division codes used by the platform.
 * Source: ../shared/domain/REFERENCE.md §9 (H). Only Shanxi's cities and 忻州's counties are sourced;
 * other cities' counties are not encoded here.
 */
export interface Region {
  code: string;
  name: string;
}

export const SHANXI: Region = { code: '140000', name: '山西省' };

export const SHANXI_CITIES: readonly Region[] = [
  { code: '140100', name: '太原市' },
  { code: '140200', name: '大同市' },
  { code: '140300', name: '阳泉市' },
  { code: '140400', name: '长治市' },
  { code: '140500', name: '晋城市' },
  { code: '140600', name: '朔州市' },
  { code: '140700', name: '晋中市' },
  { code: '140800', name: '运城市' },
  { code: '140900', name: '忻州市' },
  { code: '141000', name: '临汾市' },
  { code: '141100', name: '吕梁市' },
];

export const XINZHOU_COUNTIES: readonly Region[] = [
  { code: '140902', name: '忻府区' },
  { code: '140921', name: '定襄县' },
  { code: '140922', name: '五台县' },
  { code: '140923', name: '代县' },
  { code: '140924', name: '繁峙县' },
  { code: '140925', name: '宁武县' },
  { code: '140926', name: '静乐县' },
  { code: '140927', name: '神池县' },
  { code: '140928', name: '五寨县' },
  { code: '140929', name: '岢岚县' },
  { code: '140930', name: '河曲县' },
  { code: '140931', name: '保德县' },
  { code: '140932', name: '偏关县' },
  { code: '140981', name: '原平市' },
];

const REGION_NAMES = new Map([SHANXI, ...SHANXI_CITIES, ...XINZHOU_COUNTIES].map((r) => [r.code, r.name]));

/** The name of a region code or prefix ('1409' → 忻州市); the padded code where it is not sourced. */
export function regionName(code: string): string {
  const full = code.padEnd(6, '0');
  return REGION_NAMES.get(full) ?? full;
}

/**
 * A region of the data named by its code or a prefix of it ("14", "1409", "140900", "140923"): whole
 * levels only (an even number of digits), so a prefix never cuts through a level.
 */
export function isKnownRegion(code: string): boolean {
  return code.length % 2 === 0 && REGION_NAMES.has(code.padEnd(6, '0'));
}
