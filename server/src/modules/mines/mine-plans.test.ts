import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanDb, planDb } from '../../testing/query-plans';
import { SCOPE_ACTORS } from '../../testing/sql';
import { countMinesOf, listMinesPage } from './mine.service';

/**
 * The plans SQLite chooses for the mine list, read with EXPLAIN QUERY PLAN (as hazard-plans.test.ts
 * does for hazards): without statistics it plans the same for ten mines as for the province's
 * 4,000, so a county page that walks every mine by name fails here.
 */
let t: PlanDb;
let db: PlanDb['db'];
let deps: { db: PlanDb['db']; clock: { now: () => Date } };

beforeAll(async () => {
  t = await planDb();
  db = t.db;
  deps = { db, clock: { now: () => new Date('2025-12-31T06:00:00.000Z') } };
});
afterAll(() => db.destroy());

async function plansOf(fn: () => Promise<unknown>): Promise<string[]> {
  t.captured.length = 0;
  await fn();
  return t.captured.filter((q) => /from "orgs" as "o"/.test(q.sql)).map((q) => t.planOf(q).join('\n'));
}

describe('mine list plans', () => {
  it('county: a page and the count read the county’s own mines by the region index', async () => {
    const county = SCOPE_ACTORS.county!;
    for (const sort of ['name', '-name', 'updatedAt'] as const) {
      const [plan] = await plansOf(() => listMinesPage(deps, county, { sort, limit: 50, active: true }));
      // Any index led by (kind, region_code) reads only the county's; by name it needs no sort.
      expect(plan, sort).toMatch(/^SEARCH o USING (COVERING )?INDEX orgs_\w+ \(kind=\? AND region_code=\?\)/);
      if (sort !== 'updatedAt') expect(plan, sort).not.toMatch(/TEMP B-TREE/);
    }
    const [count] = await plansOf(() => countMinesOf(deps, county, { active: true }));
    expect(count).toMatch(/SEARCH o USING (COVERING )?INDEX orgs_mine_region \(kind=\? AND region_code=\?\)/);
  });

  it('province: a page walks the name index and stops; it never sorts the scope', async () => {
    const [plan] = await plansOf(() =>
      listMinesPage(deps, SCOPE_ACTORS.province!, { sort: 'name', limit: 50, active: true }),
    );
    expect(plan).toMatch(/^SEARCH o USING (COVERING )?INDEX orgs_mine_list \(kind=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
