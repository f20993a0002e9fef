/** GB/T 2260 codes: the significant prefix of a code ("140000" → "14", "140900" → "1409"). */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionContains(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

export const REGION_CODE = /^\d{6}$/;
