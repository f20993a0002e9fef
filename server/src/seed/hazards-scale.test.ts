import { HAZARD_STATES } from '@tiegui/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.verifier';
import type { Db } from '../db/database';
import { createTestDb } from '../testing';
import { seedHazardsScale } from './hazards-scale';
import { seedScale } from './scale';

const COUNT = 3000;
const drops: (() => Promise<void>)[] = [];

async function minesDb(): Promise<Db> {
  const { db, drop } = await createTestDb();
  drops.push(drop);
  await seedScale(db, { seed: 3, mines: 200 });
  return db;
}

afterAll(async () => {
  for (const drop of drops) await drop();
});

function hazardsOf(db: Db) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('orgs as o', 'o.id', 'h.mine_id')
    .select([
      'h.id',
      'h.level',
      'h.state',
      'h.category_code',
      'h.found_on',
      'h.closed_on',
      'h.due_at',
      'h.region_code',
      'h.recurrence_of',
      'o.region_code as mine_region',
    ])
    .orderBy('h.id')
    .execute();
}

const db500 = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('hazards')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  );

describe('seedHazardsScale', () => {
  it('writes hazards of the mines over 2023–2025 across the loop, majors classified, some listed', async () => {
    const db = await minesDb();
    const result = await seedHazardsScale(db, { seed: 5, count: COUNT });
    expect(result.hazards).toBe(COUNT);

    const rows = await hazardsOf(db);
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((h) => h.region_code === h.mine_region)).toBe(true);
    expect(rows.every((h) => h.found_on >= '2023-01-01' && h.found_on <= '2025-12-31')).toBe(true);
    expect(rows.every((h) => h.state in HAZARD_STATES)).toBe(true);
    // Closed hazards carry their closure date; open ones past registration a time limit.
    expect(
      rows.filter((h) => h.state === 'closed').every((h) => h.closed_on && h.closed_on >= h.found_on),
    ).toBe(true);
    expect(rows.filter((h) => h.state === 'rectifying').every((h) => h.due_at !== null)).toBe(true);
    const open = rows.filter((h) => h.state !== 'closed');
    expect(open.length).toBe(result.open);
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(COUNT / 5);

    const majors = rows.filter((h) => h.level === 'major');
    expect(majors.length).toBe(result.major);
    expect(majors.length).toBeGreaterThan(0);
    expect(majors.every((h) => h.category_code !== null)).toBe(true);
    const supervisions = await db.selectFrom('hazard_supervisions').select('hazard_id').execute();
    expect(supervisions).toHaveLength(result.supervisions);
    const majorIds = new Set(majors.map((h) => h.id));
    expect(supervisions.every((l) => majorIds.has(l.hazard_id))).toBe(true);
    for (const h of rows.filter((r) => r.recurrence_of)) expect(majorIds.has(h.recurrence_of!)).toBe(true);

    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('writes the same rows for the same seed and refuses to write a seed twice', async () => {
    const a = await minesDb();
    const b = await minesDb();
    await seedHazardsScale(a, { seed: 9, count: 500 });
    await seedHazardsScale(b, { seed: 9, count: 500 });
    // The mines seed is deterministic too, so whole rows compare equal.
    expect(await hazardsOf(a)).toEqual(await hazardsOf(b));
    expect(await db500(b)).toBe(500);
    await expect(seedHazardsScale(a, { seed: 9, count: 500 })).rejects.toThrow('已经写入过');
  });

  it('needs mines first', async () => {
    const { db, drop } = await createTestDb();
    drops.push(drop);
    await expect(seedHazardsScale(db, { seed: 1, count: 10 })).rejects.toThrow('请先生成矿山数据');
  });
});
