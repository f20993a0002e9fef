import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobsOnce, startJobs } from './jobs';
import { MAJOR } from './modules/hazards/hazard.fixtures';
import { createTestContext, type TestContext } from './testing';

/** A running server reminds supervising orgs of overdue 挂牌督办 supervisions without anyone asking. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-mine', 'dx-county']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST', url: string, user: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: c[user]! }, ...(payload ? { payload } : {}) });
const reminders = async () =>
  (
    (await call('GET', '/api/notifications', 'dx-county')).json().items as { kind: string; link: string }[]
  ).filter((n) => n.kind === 'hazard.supervision_overdue');

describe('startJobs', () => {
  it('notifies the supervising org of a late supervision at start, once a day, and stops when told', async () => {
    const id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
    const listed = await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', {
      deadline: '2024-08-20',
      reportCadence: 'weekly',
    });
    expect(listed.statusCode).toBe(200);
    expect(await reminders()).toHaveLength(0);

    // Nine days without a weekly report.
    ctx.clock.set('2024-08-10T02:00:00.000Z');
    for (const u of ['dx-mine', 'dx-county']) c[u] = await ctx.login(u);
    const logged: string[] = [];
    const stop = startJobs({ db: ctx.db, clock: ctx.clock }, (m) => logged.push(m), 20);
    try {
      await expect.poll(() => logged.length, { timeout: 5000 }).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
    }
    // Several rounds ran; only the first found supervisions not yet reminded today.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/已通知\d+项/);
    expect((await reminders()).filter((n) => n.link === `/hazards/${id}`)).toHaveLength(1);
  });

  it('two processes checking at the same moment remind once (the day is claimed with the notice)', async () => {
    const id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
    expect(
      (
        await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', {
          deadline: '2024-08-12',
          reportCadence: 'weekly',
        })
      ).statusCode,
    ).toBe(200);
    ctx.clock.set('2024-08-13T02:00:00.000Z');
    for (const u of ['dx-mine', 'dx-county']) c[u] = await ctx.login(u);
    const deps = { db: ctx.db, clock: ctx.clock };
    // Both rounds read the supervisions before either writes, as two servers would.
    const [a, b] = await Promise.all([runJobsOnce(deps), runJobsOnce(deps)]);
    expect(a + b).toBeGreaterThan(0);
    expect((await reminders()).filter((n) => n.link === `/hazards/${id}`)).toHaveLength(1);
  });
});
