import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeSearchText, searchQuery } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import { hazardTextMatch } from '../../db/dialect';
import * as m0006 from '../../db/migrations/0006_hazard_search';
import { seedDemo } from '../../seed/demo';
import { seedHazardsScale } from '../../seed/hazards-scale';
import { seedScale } from '../../seed/scale';
import { backupDatabase, restoreDatabase } from '../../system/backup';
import { createTestDb, TEST_BACKUP_KEY } from '../../testing';

/**
 * The search index is derived from the hazards and written wherever hazards are: the demo (through
 * registration), the scale generator, migration 0006 for the hazards of an existing database, a
 * restore (a backup holds no index). Registration and import: hazard-search.test.ts.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-search-'));
const drops: (() => Promise<void>)[] = [];
let source: Db;

async function freshDb(): Promise<Db> {
  const { db, drop } = await createTestDb();
  drops.push(drop);
  return db;
}

beforeAll(async () => {
  source = await freshDb();
  await seedDemo(source);
});
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const QUERIES = ['瓦斯', '示例数据', '井下', '风', '1203采煤', '（示例数据）井下', '电缆吊挂', '尾矿库'];

/** The hazards the index finds for each query, and those whose text contains it. */
async function searches(db: Db) {
  const all = await db.selectFrom('hazards').select(['id', 'description', 'location']).execute();
  const out = new Map<string, { found: string[]; containing: string[] }>();
  for (const q of QUERIES) {
    const query = searchQuery(q);
    if (query.kind !== 'prefix' && query.kind !== 'phrase') throw new Error(q);
    const rows = await db
      .selectFrom('hazards as h')
      .select('h.id')
      .where(hazardTextMatch(db as never, 'h.id', query, 'fromIndex'))
      .execute();
    out.set(q, {
      found: rows.map((r) => r.id).sort(),
      containing: all
        .filter((h) =>
          [h.description, h.location].some((t) => normalizeSearchText(t).includes(normalizeSearchText(q))),
        )
        .map((h) => h.id)
        .sort(),
    });
  }
  return out;
}

describe('the search index', () => {
  it('holds what the scale generator writes', async () => {
    const db = await freshDb();
    await seedScale(db, { seed: 3, mines: 50 });
    await seedHazardsScale(db, { seed: 3, count: 2000 });
    const found = await searches(db);
    expect(found.get('电缆吊挂')!.found.length).toBeGreaterThan(0);
    for (const [q, { found: ids, containing }] of found) expect(ids, q).toEqual(containing);
  });

  it('migration 0006 indexes the hazards already in the database', async () => {
    const before = await searches(source);
    expect(before.get('瓦斯')!.found.length).toBeGreaterThan(0);
    expect(before.get('（示例数据）井下')!.found).toEqual([]);
    await m0006.down(source as unknown as Kysely<unknown>);
    await m0006.up(source as unknown as Kysely<unknown>);
    const after = await searches(source);
    expect(after).toEqual(before);
    for (const [q, { found, containing }] of after) expect(found, q).toEqual(containing);
  });

  it('a restored database searches as the backed-up one did', async () => {
    const file = path.join(dir, 'backup.jsonl.gz');
    const { tables } = await backupDatabase(source, file, { key: TEST_BACKUP_KEY });
    expect(Object.keys(tables)).not.toContain('hazard_search');
    const target = await freshDb();
    await restoreDatabase(target, file, { key: TEST_BACKUP_KEY });
    expect(await searches(target)).toEqual(await searches(source));
  });
});
