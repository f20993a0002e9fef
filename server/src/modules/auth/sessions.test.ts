import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { sessionMaxHours: 2, sessionsPerUser: 3 } });
});
afterAll(() => ctx.close());

const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
const sessionsOf = async (username: string) => {
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const rows = await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
  return rows.length;
};

describe('a session’s absolute lifetime', () => {
  it('401 with a Chinese message once the configured hours have passed, however busy', async () => {
    const cookie = await ctx.login('dx-mine');
    // Busy all along: never idle for more than 20 minutes.
    for (let minutes = 0; minutes < 120; minutes += 20) {
      expect((await me(cookie)).statusCode).toBe(200);
      ctx.clock.advanceMinutes(20);
    }
    ctx.clock.advanceMinutes(1);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '登录已超过2小时，请重新登录' });
    // The session is gone, not only refused.
    expect((await me(cookie)).json().message).toBe('未登录或登录已超时，请重新登录');
  });
});

describe('sessions per user', () => {
  it('a new login beyond the limit ends the oldest session; the others go on', async () => {
    const cookies: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      cookies.push(await ctx.login('yp-mine'));
      ctx.clock.advanceMinutes(1);
    }
    expect((await me(cookies[0]!)).statusCode).toBe(401);
    for (const cookie of cookies.slice(1)) expect((await me(cookie)).statusCode).toBe(200);
    expect(await sessionsOf('yp-mine')).toBe(3);
  });
});

describe('logout', () => {
  it('ends every session of the user, on every computer, and no one else’s', async () => {
    const here = await ctx.login('dx-county');
    const there = await ctx.login('dx-county');
    const someoneElse = await ctx.login('xz-city');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: here } });
    expect(res.statusCode).toBe(200);
    expect((await me(here)).statusCode).toBe(401);
    expect((await me(there)).statusCode).toBe(401);
    expect((await me(someoneElse)).statusCode).toBe(200);
    const event = await ctx.db
      .selectFrom('audit_events')
      .select(['changes'])
      .where('action', '=', 'auth.logout')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes ?? '{}')).toEqual({ endedSessions: 2 });
  });
});

describe('a password change', () => {
  it('ends every other session of the user and keeps the one that changed it', async () => {
    const here = await ctx.login('dx-mine-head');
    const there = await ctx.login('dx-mine-head');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: here },
      payload: { oldPassword: 'Tiegui@2024', newPassword: 'Shaft#Lamp2025' },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(there)).statusCode).toBe(401);
  });
});
