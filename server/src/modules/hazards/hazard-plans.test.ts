import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import { planDb } from '../../testing/query-plans';
import { SCOPE_ACTORS } from '../../testing/sql';
import { hazardDashboard } from '../hazard-dashboard/hazard-dashboard.service';
import { countHazardsOf, listHazardsPage } from './hazard.service';

/**
 * The query plans SQLite chooses for the dashboard and the list, read with EXPLAIN QUERY PLAN on
 * the embedded engine the server ships with. Without ANALYZE statistics SQLite plans the same for
 * ten rows as for two million, so these plans are the ones measured in bench/ at province scale:
 * a figure that walks the whole hazards table or a page that sorts every hazard in scope fails
 * here, long before anyone waits for it.
 */
let raw: Awaited<ReturnType<typeof planDb>>['raw'];
let db: Db;
let captured: Awaited<ReturnType<typeof planDb>>['captured'];
const clock = { now: () => new Date('2025-12-31T06:00:00.000Z') };

beforeAll(async () => {
  ({ raw, db, captured } = await planDb());
  // The group actor's (org ORG) two mines: a group's page is read mine by mine (mineByMine).
  const at = '2025-01-01T00:00:00.000Z';
  raw
    .prepare(
      `insert into orgs (id, path, kind, name, created_at, updated_at) values ('ORG', '/G/', 'group', '集团', ?, ?)`,
    )
    .run(at, at);
  for (const id of ['GM1', 'GM2']) {
    raw
      .prepare(
        `insert into orgs (id, path, kind, name, region_code, created_at, updated_at) values (?, ?, 'mine', ?, '140923', ?, ?)`,
      )
      .run(id, `/P/C/ORG/${id}/`, id, at, at);
    raw
      .prepare(
        `insert into mines (org_id, uscc, category, mine_type, status, principal_name, principal_phone, group_org_id)
         values (?, ?, 'coal', 'underground', 'producing', '张三', '13800000000', 'ORG')`,
      )
      .run(id, `91140000MA0000000${id.slice(-1)}`);
  }
});
afterAll(() => db.destroy());

/** Runs fn and returns the plan of each hazards query it made, one line per plan step. */
async function plansOf(fn: () => Promise<unknown>): Promise<string[][]> {
  captured.length = 0;
  await fn();
  return captured
    .filter((q) => /from "hazards" as "h"/.test(q.sql))
    .map((q) =>
      (
        raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]
      ).map((r) => r.detail),
    );
}

/** The plan steps that read the hazards table (alias h). */
const hazardSteps = (plan: string[]) => plan.filter((step) => /^(SCAN|SEARCH) h\b/.test(step));

const DASHBOARD_INDEXES =
  /USING (COVERING )?INDEX hazards_(major_found|major_order|major_closed|open|open_order|recurrences)\b/;
/** A mine's own hazards (hundreds, not millions) come through its index. */
const MINE_INDEX = /USING (COVERING )?INDEX hazards_mine \(mine_id=\?/;

describe('dashboard plans', () => {
  for (const kind of ['province', 'division', 'city', 'county', 'group', 'mine'] as const) {
    it(`${kind}: every figure reads one partial index of major or open hazards, never the table`, async () => {
      const plans = await plansOf(() => hazardDashboard({ db, clock }, SCOPE_ACTORS[kind]!, { months: 12 }));
      expect(plans.length).toBeGreaterThanOrEqual(9);
      for (const plan of plans) {
        const steps = hazardSteps(plan);
        expect(steps, plan.join('\n')).toHaveLength(1);
        // A mine's figures read its own index or, as good, a partial one led by the mine (the
        // recurrences'); which of the two is the planner's tie.
        if (kind === 'mine')
          expect(
            [MINE_INDEX, DASHBOARD_INDEXES].some((i) => i.test(steps[0]!)),
            plan.join('\n'),
          ).toBe(true);
        else expect(steps[0], plan.join('\n')).toMatch(DASHBOARD_INDEXES);
      }
    });
  }
});

describe('list plans', () => {
  for (const kind of ['province', 'division', 'city', 'county', 'group'] as const) {
    it(`${kind}: a page walks the sort order's index and stops; it never sorts the scope`, async () => {
      for (const sort of ['-foundOn', 'foundOn', '-updatedAt'] as const) {
        const [plan] = await plansOf(() =>
          listHazardsPage({ db, clock }, SCOPE_ACTORS[kind]!, { sort, limit: 50 }),
        );
        expect(plan, `${sort}`).toBeDefined();
        const byMine = kind === 'group' && sort !== '-updatedAt';
        if (byMine) {
          // A group reads each of its mines from the mine's index in order (one range per mine,
          // 2 here), merges them without sorting any, and reads the page's rows by id.
          const steps = hazardSteps(plan!);
          expect(plan!.join('\n')).toMatch(/MERGE \(UNION ALL\)/);
          expect(plan!.join('\n')).not.toMatch(/TEMP B-TREE FOR (LAST TERM OF )?ORDER BY[\s\S]*MERGE/);
          expect(
            steps.filter((s) => /^SEARCH h USING COVERING INDEX hazards_mine \(mine_id=\?\)/.test(s)),
            plan!.join('\n'),
          ).toHaveLength(2);
          expect(
            steps.filter((s) => /hazards_mine \(mine_id=\?\)/.test(s)),
            plan!.join('\n'),
          ).toHaveLength(2);
          expect(
            steps.filter((s) => !/hazards_mine/.test(s)),
            plan!.join('\n'),
          ).toEqual([expect.stringMatching(/^SEARCH h USING INDEX sqlite_autoindex_hazards_1 \(id=\?\)/)]);
          continue;
        }
        // A county walks its own region's rows in found_on order (region_code, found_on).
        const walk =
          kind === 'county' && sort !== '-updatedAt'
            ? /^SEARCH h USING INDEX hazards_region \(region_code=\?\)/
            : /^SCAN h USING INDEX hazards_(found|updated)\b/;
        expect(hazardSteps(plan!)[0], plan!.join('\n')).toMatch(walk);
        expect(plan!.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    });

    it(`${kind}: a page of open or major hazards walks only those, in order`, async () => {
      for (const [filter, index] of [
        [{ open: true }, 'hazards_open_order'],
        [{ overdue: true }, 'hazards_open_order'],
        [{ state: 'resume_applied' }, 'hazards_open_order'],
        [{ level: 'major' }, 'hazards_major_order'],
        [{ supervised: true }, 'hazards_major_order'],
      ] as const) {
        const [plan] = await plansOf(() =>
          listHazardsPage({ db, clock }, SCOPE_ACTORS[kind]!, { sort: '-foundOn', limit: 50, ...filter }),
        );
        expect(hazardSteps(plan!)[0], `${JSON.stringify(filter)}\n${plan!.join('\n')}`).toMatch(
          new RegExp(`^SCAN h USING (COVERING )?INDEX ${index}\\b`),
        );
        expect(plan!.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    });

    it(`${kind}: a page and a count of one source read only that source's rows`, async () => {
      const filter = { source: 'tip' } as const;
      const [page] = await plansOf(() =>
        listHazardsPage({ db, clock }, SCOPE_ACTORS[kind]!, { sort: '-foundOn', limit: 50, ...filter }),
      );
      expect(hazardSteps(page!)[0], page!.join('\n')).toMatch(
        /^SEARCH h USING INDEX hazards_source_order \(source=\?\)/,
      );
      expect(page!.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      const counts = await plansOf(() => countHazardsOf({ db, clock }, SCOPE_ACTORS[kind]!, filter));
      expect(counts.flatMap(hazardSteps), counts.join('\n')).toEqual([
        'SEARCH h USING COVERING INDEX hazards_source_order (source=?)',
      ]);
    });

    it(`${kind}: a count finds the scope through an index and never walks the table`, async () => {
      for (const filter of [{}, { source: 'tip' }, { open: true }, { level: 'major' }] as const) {
        const plans = await plansOf(() => countHazardsOf({ db, clock }, SCOPE_ACTORS[kind]!, filter));
        const steps = plans.flatMap(hazardSteps);
        expect(steps.length, JSON.stringify(filter)).toBeGreaterThan(0);
        for (const step of steps)
          expect(step, `${JSON.stringify(filter)}\n${plans.join('\n')}`).toMatch(
            /^SEARCH h\b|INDEX hazards_(open|major)/,
          );
      }
    });
  }
});
