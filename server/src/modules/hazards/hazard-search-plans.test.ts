import { searchTokens } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import { planDb } from '../../testing/query-plans';
import { SCOPE_ACTORS } from '../../testing/sql';
import { listHazardsPage } from './hazard.service';

/**
 * The plans SQLite chooses for a text search (EXPLAIN QUERY PLAN, no statistics, as in
 * hazard-plans.test.ts): a rare word reads its few matches through the FTS5 index and sorts them;
 * a commoner one walks the page's index with the set of matches; a very common one walks it and
 * probes the index per hazard, stopping after a page. None walks millions of hazards for a rare
 * word (the LIKE did) or sorts hundreds of thousands for a common one. How many match is what the
 * list counts in the index, so the index alone is filled here, with rows of no hazard.
 */
let raw: Awaited<ReturnType<typeof planDb>>['raw'];
let db: Db;
let captured: Awaited<ReturnType<typeof planDb>>['captured'];
const clock = { now: () => new Date('2025-12-31T06:00:00.000Z') };

const RARE = '硐室';
const SOME = '风门';
const COMMON = '井下';

beforeAll(async () => {
  ({ raw, db, captured } = await planDb());
  const tokens = (text: string) => searchTokens(text).join(' ');
  // 40,000 rows with the common word, 5,000 of them with the commoner, 10 with the rare one.
  raw
    .prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < 40000)
       insert into hazard_search (rowid, description, location)
       select i, case when i <= 10 then ? when i <= 5000 then ? else ? end, '' from n`,
    )
    .run(tokens(COMMON + SOME + RARE), tokens(COMMON + SOME), tokens(COMMON));
});
afterAll(() => db.destroy());

/** The plan of the list query a page makes, one line per step. */
async function listPlan(kind: string, q: string): Promise<string[]> {
  captured.length = 0;
  await listHazardsPage({ db, clock }, SCOPE_ACTORS[kind]!, { sort: '-foundOn', limit: 50, q });
  const list = captured.find((c) => /from "hazards" as "h"/.test(c.sql));
  expect(list).toBeDefined();
  return (
    raw.prepare(`explain query plan ${list!.sql}`).all(...(list!.parameters as unknown[])) as {
      detail: string;
    }[]
  ).map((r) => r.detail);
}

const hazardSteps = (plan: string[]) => plan.filter((step) => /^(SCAN|SEARCH) h\b/.test(step));
/** A mine's own hazards (hundreds, not millions) come through its index whatever the word. */
const MINE_INDEX = /^SEARCH h USING INDEX hazards_mine \(mine_id=\?/;
const WALK = /^SCAN h USING INDEX hazards_found\b/;
/** A county walks its own region's rows in that order. */
const COUNTY_WALK = /^SEARCH h USING INDEX hazards_region \(region_code=\?\)/;
const walkOf = (kind: string) => (kind === 'mine' ? MINE_INDEX : kind === 'county' ? COUNTY_WALK : WALK);

describe('text search plans', () => {
  for (const kind of ['province', 'division', 'city', 'county', 'group', 'mine'] as const) {
    it(`${kind}: a rare word reads its matches by primary key and sorts them`, async () => {
      const plan = await listPlan(kind, RARE);
      const text = plan.join('\n');
      expect(text).toMatch(/SCAN hazard_search VIRTUAL TABLE INDEX \d+:M/);
      expect(hazardSteps(plan), text).toHaveLength(1);
      expect(hazardSteps(plan)[0], text).toMatch(
        kind === 'mine' ? MINE_INDEX : /^SEARCH h USING INDEX sqlite_autoindex_hazards_1 \(id=\?\)$/,
      );
    });

    it(`${kind}: a commoner word walks the page's index with the set of matches`, async () => {
      const plan = await listPlan(kind, SOME);
      const text = plan.join('\n');
      expect(text).toMatch(/SCAN hazard_search VIRTUAL TABLE INDEX \d+:M/);
      expect(hazardSteps(plan)[0], text).toMatch(walkOf(kind));
      expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    });

    it(`${kind}: a common word walks the page's index and probes the index per hazard`, async () => {
      const plan = await listPlan(kind, COMMON);
      const text = plan.join('\n');
      expect(text).toMatch(
        /SEARCH k USING COVERING INDEX sqlite_autoindex_hazard_search_keys_1 \(hazard_id=\?\)/,
      );
      expect(text).toMatch(/SCAN f VIRTUAL TABLE INDEX \d+:=M/);
      expect(hazardSteps(plan)[0], text).toMatch(walkOf(kind));
      expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    });
  }
});
