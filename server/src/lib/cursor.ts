import { invalidField } from './errors';

/** Keyset cursors are opaque to clients: base64url of [sortValue, id]. */
export function encodeCursor(k: { value: string; id: string }): string {
  return Buffer.from(JSON.stringify([k.value, k.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [value, id]: unknown[] = parsed;
      if (typeof value === 'string' && typeof id === 'string') return { value, id };
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidField('cursor', '分页游标无效，请从第一页重新查询');
}
