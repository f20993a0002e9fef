import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHazardsScale } from '../../seed/hazards-scale';
import { createTestContext, orgIdByName, type TestContext, walkHazardList } from '../../testing';

/**
 * A group's (上级公司) page is read mine by mine and merged (hazard.repository.ts mineByMine): walked
 * page by page with a small limit, it must give exactly the group's hazards in the list's order,
 * ties on the day broken by id, in both directions and under filters.
 */
let ctx: TestContext;
let cookie: string;
let groupHazards: { id: string; found_on: string; state: string; self_reported: number }[];

beforeAll(async () => {
  ctx = await createTestContext();
  await seedHazardsScale(ctx.db, { seed: 11, count: 3000 });
  ctx.clock.set('2025-12-31T06:00:00.000Z');
  cookie = await ctx.login('grp-a');
  const group = await orgIdByName(ctx.db, '示例能源集团有限公司');
  groupHazards = await ctx.db
    .selectFrom('hazards as h')
    .innerJoin('mines as m', 'm.org_id', 'h.mine_id')
    .where('m.group_org_id', '=', group)
    .select(['h.id', 'h.found_on', 'h.state', 'h.self_reported'])
    .execute();
});
afterAll(() => ctx.close());

const walk = (query: string) => walkHazardList(ctx.app, cookie, query, 7);

type Row = (typeof groupHazards)[number];
const CASES: [string, (h: Row) => boolean][] = [
  ['', () => true],
  ['state=closed', (h) => h.state === 'closed'],
  ['selfReported=false', (h) => h.self_reported === 0],
  [
    'foundFrom=2024-03-01&foundTo=2025-02-28',
    (h) => h.found_on >= '2024-03-01' && h.found_on <= '2025-02-28',
  ],
];

describe("a group's list, read mine by mine", () => {
  it('has hazards of several mines on the same days, so the merge has ties to break by id', () => {
    expect(groupHazards.length).toBeGreaterThan(30);
    const days = new Set(groupHazards.map((h) => h.found_on));
    expect(days.size).toBeLessThan(groupHazards.length);
  });

  // One test per filter and direction: each walks the whole list page by page.
  describe.each(CASES)('filter "%s"', (filter, keep) => {
    it.each(['-foundOn', 'foundOn'] as const)(
      'gives every hazard once, in order, sorted %s',
      async (sort) => {
        const sign = sort === '-foundOn' ? -1 : 1;
        const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
        const expected = groupHazards
          .filter(keep)
          .sort((a, b) => sign * (byte(a.found_on, b.found_on) || byte(a.id, b.id)))
          .map((h) => h.id);
        expect(expected.length, filter).toBeGreaterThan(7);
        expect(await walk(`sort=${sort}&${filter}`), `${sort} ${filter}`).toEqual(expected);
      },
      // A walk of small pages makes many requests: on a loaded CI machine it needs more than the default.
      120_000,
    );
  });
});
