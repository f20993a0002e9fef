import { ZHazardDuplicateError } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { GENERAL } from './hazard.fixtures';

/** A likely duplicate (same mine, same 排查发现日期, similar description or location) needs 仍然登记. */
let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-08-01T02:00:00.000Z');
  for (const u of ['dx-mine', 'yp-mine']) cookies[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const register = (user: string, body: object) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/hazards',
    headers: { cookie: cookies[user] ?? '' },
    payload: body,
  });
const first = {
  ...GENERAL,
  confirmDuplicate: false,
  description: '副井井口信号装置失灵仍在提升人员',
  location: '副井井口',
  foundOn: '2024-07-29',
};

describe('POST /api/hazards: likely duplicates', () => {
  it('a similar description at the same mine on the same day: 409 with the candidate, nothing created', async () => {
    const created = await register('dx-mine', first);
    expect(created.statusCode, created.body).toBe(201);
    const again = await register('dx-mine', {
      ...first,
      description: '副井井口信号装置失灵，仍在提升人员。',
      location: '井下',
    });
    expect(again.statusCode).toBe(409);
    const body = ZHazardDuplicateError.parse(again.json());
    expect(body.message).toContain('仍然登记');
    expect(body.candidates).toEqual([
      {
        id: created.json().id,
        level: 'general',
        description: first.description,
        location: first.location,
        foundOn: '2024-07-29',
        state: 'registered',
      },
    ]);
    const count = await ctx.db
      .selectFrom('hazards')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('description', 'like', '副井井口信号装置失灵%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('the same location with another description is a likely duplicate too', async () => {
    const res = await register('dx-mine', { ...first, description: '井口安全门未与信号闭锁' });
    expect(res.statusCode).toBe(409);
  });

  it('仍然登记 (confirmDuplicate: true) registers it', async () => {
    const res = await register('dx-mine', { ...first, confirmDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('another day, another matter or another mine is no duplicate', async () => {
    expect((await register('dx-mine', { ...first, foundOn: '2024-07-28' })).statusCode).toBe(201);
    expect(
      (await register('dx-mine', { ...first, description: '主扇风机房未设置反风装置', location: '风井场地' }))
        .statusCode,
    ).toBe(201);
    expect((await register('yp-mine', first)).statusCode).toBe(201);
  });
});
