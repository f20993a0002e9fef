import { ownValue, SHANXI, SHANXI_CITIES, XINZHOU_COUNTIES } from '@tiegui/domain';

export type Option = { value: string; label: string };

/** Select options from a `{ key: 中文 }` label table, in the table's order. */
export function optionsOf(labels: Readonly<Record<string, string>>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** The label of a key, or a dash for an empty value. */
export function labelOf(labels: Readonly<Record<string, string>>, key: string | null | undefined): string {
  if (key === null || key === undefined || key === '') return '—';
  return ownValue(labels, key) ?? key;
}

const REGIONS = new Map([SHANXI, ...SHANXI_CITIES, ...XINZHOU_COUNTIES].map((r) => [r.code, r.name]));

/** Name of a GB/T 2260 code when the catalog knows it. */
export function regionName(code: string | null | undefined): string | null {
  return code ? (REGIONS.get(code) ?? null) : null;
}

/** "140921 定襄县", or the bare code when the catalog does not know it. */
export function regionText(code: string | null | undefined): string {
  if (!code) return '—';
  const name = regionName(code);
  return name ? `${code} ${name}` : code;
}
