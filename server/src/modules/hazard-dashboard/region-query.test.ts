import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

/** One region filter (`ZRegionQuery`) on every list and figure that takes one: codes of the data only. */
let ctx: TestContext;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext();
  cookie = await ctx.login('sx-officer');
});
afterAll(() => ctx.close());

const PATHS = ['/api/hazards/dashboard', '/api/hazards/recurrences', '/api/hazards', '/api/mines'];

describe('?regionCode=', () => {
  it('400 naming 行政区划代码 for a code the data does not hold, or cutting through a level', async () => {
    for (const path of PATHS)
      for (const code of ['149900', '140', '1499']) {
        const res = await ctx.app.inject({
          method: 'GET',
          url: `${path}?regionCode=${code}`,
          headers: { cookie },
        });
        expect(res.statusCode, `${path} ${code}`).toBe(400);
        expect(res.json().fields).toEqual([expect.objectContaining({ field: 'regionCode' })]);
        expect(res.json().message).toContain('行政区划代码');
        expect(res.json().message).not.toMatch(/[A-Za-z]/);
      }
  });

  it('the province, a city and a county by code or prefix', async () => {
    for (const path of PATHS)
      for (const code of ['14', '1409', '140900', '140923']) {
        const res = await ctx.app.inject({
          method: 'GET',
          url: `${path}?regionCode=${code}`,
          headers: { cookie },
        });
        expect(res.statusCode, `${path} ${code}`).toBe(200);
      }
  });
});
