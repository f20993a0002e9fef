import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipart, orgIdByName, type TestContext } from '../testing';

/**
 * Reads that matter are audited (file downloads, the audit log itself), and refusals are recorded
 * without flooding the log: one event for the first of a window, one with the count when it closes.
 */
let ctx: TestContext;
let auditor: string;
let dxMine: string;
let cityMine: string;
beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await ctx.login('sx-audit');
  dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
  cityMine = await orgIdByName(ctx.db, '宁武县示例金鼎煤业');
});
afterAll(() => ctx.close());

const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const eventCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const newest = (action: string) =>
  ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();

describe('refused requests', () => {
  it('1,000 refusals make a handful of events, the repeats one event with their count; the chain stays whole', async () => {
    const yp = await ctx.login('yp-mine');
    const before = await eventCount();
    for (let i = 0; i < 1000; i += 1) {
      // Two records out of scope on one route, and a route without the permission.
      const url = i % 3 === 2 ? '/api/audit/events' : `/api/mines/${i % 3 === 0 ? dxMine : cityMine}`;
      const res = await get(url, yp);
      expect(res.statusCode).toBe(i % 3 === 2 ? 403 : 404);
    }
    // While the windows count: the first refusal of each (route, status) only.
    expect((await eventCount()) - before).toBe(2);
    const counting = await get('/api/audit/refusals', auditor);
    expect(counting.statusCode).toBe(200);
    expect(counting.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorUsername: 'yp-mine',
          route: '/api/mines/:id',
          status: 404,
          count: 667,
        }),
        expect.objectContaining({
          actorUsername: 'yp-mine',
          route: '/api/audit/events',
          status: 403,
          count: 333,
        }),
      ]),
    );

    // The windows close after ten minutes; reading the log shows them closed.
    ctx.clock.advanceMinutes(11);
    const auditorNow = await ctx.login('sx-audit');
    const list = await get('/api/audit/events?action=access.denied_repeated&actor=yp-mine', auditorNow);
    expect(list.statusCode).toBe(200);
    const repeated = list.json().items.map((e: { changes: { route: string; count: number } }) => e.changes);
    expect(repeated).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/api/mines/:id', status: 404, count: 666 }),
        expect.objectContaining({ route: '/api/audit/events', status: 403, count: 332 }),
      ]),
    );
    // 1,000 refusals: two first events, two counts (and the auditor's own reads and login).
    const refusalEvents = await ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('actor_username', '=', 'yp-mine')
      .where('action', 'in', ['access.denied', 'access.denied_repeated'])
      .where('at', '>=', '2024-08-01T02:00:00.000Z')
      .executeTakeFirstOrThrow();
    expect(Number(refusalEvents.n)).toBe(4);
    expect((await get('/api/audit/refusals', auditorNow)).json().items).toEqual([]);

    const verify = await ctx.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditorNow },
    });
    expect(verify.json()).toMatchObject({ ok: true, breaks: [] });
  }, 180_000);

  it('a refusal after the window starts a new one, recorded at once', async () => {
    const yp = await ctx.login('yp-mine');
    await get(`/api/mines/${dxMine}`, yp);
    expect(JSON.parse((await newest('access.denied'))?.changes ?? '{}')).toMatchObject({
      method: 'GET',
      url: `/api/mines/${dxMine}`,
      code: 'NOT_FOUND',
    });
  });
});

describe('audited reads', () => {
  it('a file download records who read which file, not what it holds', async () => {
    const mine = await ctx.login('dx-mine');
    const body = multipart('整改报告.pdf', Buffer.from('%PDF-1.4 content'));
    const upload = await ctx.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...body.headers, cookie: mine },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    const id = upload.json().id;
    expect((await get(`/api/files/${id}`, mine)).statusCode).toBe(200);
    const event = await newest('file.downloaded');
    expect(event).toMatchObject({ actor_username: 'dx-mine', entity_type: 'file', entity_id: id });
    expect(event?.changes).not.toContain('%PDF');
  });

  it('reading the audit log, its CSV and its verification are each recorded', async () => {
    const cookie = await ctx.login('sx-audit');
    const before = await eventCount();
    await get('/api/audit/events?actor=dx-mine', cookie);
    expect(await newest('audit.read')).toMatchObject({ actor_username: 'sx-audit' });
    expect(JSON.parse((await newest('audit.read'))?.changes ?? '{}')).toMatchObject({ actor: 'dx-mine' });
    await get('/api/audit/events.csv', cookie);
    await ctx.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie } });
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['audit.read', 'audit.exported', 'audit.verified']);
  });
});
