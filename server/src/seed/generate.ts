import type { Insertable, Kysely } from 'kysely';
import { insertChunkRows } from '../db/dialect';
import type { Database } from '../db/schema';

/** Helpers the generators of bench data share: seeded choices, names and chunked inserts. */

export type Random = () => number;

/** The actor of generated audit rows. */
export const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

export const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 胡 郭 何 高 田 段 武'.split(' ');
export const GIVEN = '建国 志强 永红 海军 晓东 振华 国庆 文斌 卫东 春生 玉成 宏伟 鹏飞 俊峰 利民 保平'.split(
  ' ',
);

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** Picks a key by cumulative weight: weighted(r, [['a', 3], ['b', 1]]) is 'a' three times in four. */
export function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

/**
 * Inserts rows many at a time: one statement per chunk, sized to the dialect's parameter limit
 * (and at most `maxRows` rows a statement).
 */
export async function insertChunked<T extends keyof Database & string>(
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  maxRows = Number.POSITIVE_INFINITY,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = Math.min(maxRows, insertChunkRows(trx as Kysely<unknown>, Object.keys(first).length));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot narrow a generic table's insert type; the rows are typed at the call site.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}
