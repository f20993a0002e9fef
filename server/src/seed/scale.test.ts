import { SHANXI_CITIES, usccProblem } from '@tiegui/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.verifier';
import type { Db } from '../db/database';
import { createTestDb } from '../testing';
import { seedDemo } from './demo';
import { seedScale } from './scale';

const MINES = 400;
const drops: (() => Promise<void>)[] = [];

async function freshDb(): Promise<Db> {
  const { db, drop } = await createTestDb();
  drops.push(drop);
  return db;
}

afterAll(async () => {
  for (const drop of drops) await drop();
});

function minesOf(db: Db) {
  return db
    .selectFrom('mines')
    .innerJoin('orgs', 'orgs.id', 'mines.org_id')
    .select([
      'orgs.name',
      'orgs.region_code',
      'orgs.parent_id',
      'mines.uscc',
      'mines.category',
      'mines.division_org_id',
    ])
    .orderBy('mines.uscc')
    .execute();
}

describe('seedScale', () => {
  it('on an empty database builds the province, every city with mines, and valid codes', async () => {
    const db = await freshDb();
    const result = await seedScale(db, { seed: 7, mines: MINES });
    expect(result.mines).toBe(MINES);

    const mines = await minesOf(db);
    expect(mines).toHaveLength(MINES);
    for (const city of SHANXI_CITIES) {
      expect(
        mines.some((m) => m.region_code?.startsWith(city.code.slice(0, 4))),
        city.name,
      ).toBe(true);
    }
    expect(mines.filter((m) => usccProblem(m.uscc) !== null)).toEqual([]);
    expect(mines.every((m) => m.name.includes('生成'))).toBe(true);
    expect(mines.every((m) => m.division_org_id !== null)).toBe(true);
    const coal = mines.filter((m) => m.category === 'coal').length / MINES;
    expect(coal).toBeGreaterThan(0.45);
    expect(coal).toBeLessThan(0.75);

    const provinces = await db.selectFrom('orgs').select('name').where('kind', '=', 'province').execute();
    expect(provinces.map((p) => p.name).sort()).toEqual(
      ['国家矿山安全监察局山西局', '山西省应急管理厅'].sort(),
    );
    const divisions = await db.selectFrom('division_regions').select('region_prefix').execute();
    expect(divisions.map((d) => d.region_prefix).sort()).toEqual(
      SHANXI_CITIES.map((c) => c.code.slice(0, 4)).sort(),
    );
    // Some mines are supervised by the city bureau itself (市级监管).
    const cityIds = new Set(
      (await db.selectFrom('orgs').select('id').where('kind', '=', 'city').execute()).map((c) => c.id),
    );
    expect(mines.some((m) => m.parent_id !== null && cityIds.has(m.parent_id))).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('gives the same mines for the same seed on two fresh databases', async () => {
    const [a, b] = [await freshDb(), await freshDb()];
    await seedScale(a, { seed: 42, mines: MINES });
    await seedScale(b, { seed: 42, mines: MINES });
    const [ma, mb] = [await minesOf(a), await minesOf(b)];
    expect(ma.map((m) => [m.name, m.uscc])).toEqual(mb.map((m) => [m.name, m.uscc]));
  });

  it('adds to the demo data without duplicating cities or counties', async () => {
    const db = await freshDb();
    const demo = await seedDemo(db);
    const before = await db
      .selectFrom('orgs')
      .select(['id', 'kind', 'region_code'])
      .where('kind', '=', 'city')
      .execute();
    await seedScale(db, { seed: 3, mines: MINES });

    const cities = await db
      .selectFrom('orgs')
      .select(['id', 'region_code'])
      .where('kind', '=', 'city')
      .execute();
    expect(cities).toHaveLength(SHANXI_CITIES.length);
    expect(cities.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    const counties = await db.selectFrom('orgs').select('region_code').where('kind', '=', 'county').execute();
    expect(new Set(counties.map((c) => c.region_code)).size).toBe(counties.length);
    const provinces = await db.selectFrom('orgs').select('id').where('kind', '=', 'province').execute();
    expect(provinces).toHaveLength(2);
    // 忻州 keeps the demo's one division; every other city gets its own.
    const prefixes = await db.selectFrom('division_regions').select('region_prefix').execute();
    expect(prefixes.filter((p) => p.region_prefix === '1409')).toHaveLength(1);
    expect(prefixes).toHaveLength(SHANXI_CITIES.length);

    const total = await db
      .selectFrom('mines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(demo.mines + MINES);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses to write the same seed twice', async () => {
    const db = await freshDb();
    await seedScale(db, { seed: 5, mines: 50 });
    await expect(seedScale(db, { seed: 5, mines: 50 })).rejects.toThrow('已经写入过');
  });
});
