import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  failLogins,
  postLogin,
  solveChallengeOf,
  TEST_POW_DIFFICULTY,
  type TestContext,
  tryLogin,
} from '../../testing';

/** Failed logins are slowed per address and username, per address and per account, in the database. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const PASSWORD = 'Tiegui@2024';

/** The counters kept for a username or an address. */
const countersWhere = (column: 'username' | 'ip', value: string) =>
  ctx.db
    .selectFrom('login_throttles')
    .select(['scope', 'ip', 'username'])
    .where(column, '=', value)
    .execute();
const WRONG = 'Wrong-pass-1';

/** What a client sees of an answer, the random salt of a challenge left out. */
function seen(res: Awaited<ReturnType<typeof postLogin>>) {
  const { challenge, ...body } = res.json();
  return {
    status: res.statusCode,
    body,
    retryAfter: res.headers['retry-after'] ?? null,
    difficulty: challenge?.difficulty ?? null,
  };
}

describe('one answer for every failure', () => {
  it('an unknown user and a real one get the same answers, step by step, up to the lock', async () => {
    const walk = async (username: string, ip: string) => {
      const steps = [];
      for (let i = 0; i < 2; i++) steps.push(seen(await postLogin(ctx, { username, password: WRONG }, ip)));
      const asked = await postLogin(ctx, { username, password: WRONG }, ip);
      steps.push(seen(asked));
      const pow = await solveChallengeOf(asked);
      steps.push(seen(await postLogin(ctx, { username, password: WRONG, pow }, ip)));
      steps.push(seen(await postLogin(ctx, { username, password: WRONG }, ip)));
      await failLogins(ctx, username, 2, ip);
      steps.push(seen(await postLogin(ctx, { username, password: WRONG }, ip)));
      return steps;
    };
    const known = await walk('xz-city', '10.1.0.1');
    const unknown = await walk('no-such-user', '10.1.0.2');
    expect(unknown).toEqual(known);
    expect(known.map((s) => s.status)).toEqual([401, 401, 428, 401, 429, 423]);
    expect(known[0]?.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    expect(known[2]).toMatchObject({ body: { code: 'POW_REQUIRED' }, difficulty: TEST_POW_DIFFICULTY });
    expect(known[4]).toMatchObject({ retryAfter: '2', body: { message: '尝试过于频繁，请2秒后再试' } });
    expect(known[5]?.body.message).toContain('锁定');
  });
});

describe('the lock holds only for the address that failed', () => {
  it('an outsider failing five times for sx-sec does not lock sx-sec out elsewhere', async () => {
    await failLogins(ctx, 'sx-sec', 5, '203.0.113.9');
    expect((await tryLogin(ctx, 'sx-sec', PASSWORD, '203.0.113.9')).statusCode).toBe(423);
    expect((await postLogin(ctx, { username: 'sx-sec', password: PASSWORD }, '10.2.0.1')).statusCode).toBe(
      200,
    );
    const users = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=sx-sec',
      headers: { cookie: await ctx.login('sx-sec') },
    });
    expect(users.json().items[0].locked).toBe(true);
  });

  it('the security administrator’s 解锁 clears the lock and the counts of the account', async () => {
    await failLogins(ctx, 'dx-mine', 5, '10.3.0.1');
    const security = await ctx.login('sx-sec');
    const [user] = (
      await ctx.app.inject({ method: 'GET', url: '/api/users?q=dx-mine', headers: { cookie: security } })
    ).json().items;
    expect(user.locked).toBe(true);
    const unlocked = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/unlock`,
      headers: { cookie: security },
    });
    expect(unlocked.json().locked).toBe(false);
    expect(await countersWhere('username', 'dx-mine')).toEqual([]);
    // The address's own count (five failures from it) still asks it for work, not for a wait.
    expect((await tryLogin(ctx, 'dx-mine', PASSWORD, '10.3.0.1')).statusCode).toBe(200);
  });
});

describe('growing waits', () => {
  it('after 3 failures each attempt waits 2, then 4 seconds; a retry too soon is not counted', async () => {
    const ip = '10.4.0.1';
    await failLogins(ctx, 'dx-county', 3, ip);
    const early = await postLogin(ctx, { username: 'dx-county', password: PASSWORD }, ip);
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe('2');
    ctx.clock.advanceSeconds(1);
    expect(
      (await postLogin(ctx, { username: 'dx-county', password: PASSWORD }, ip)).headers['retry-after'],
    ).toBe('1');
    ctx.clock.advanceSeconds(1);
    await failLogins(ctx, 'dx-county', 1, ip);
    const longer = await postLogin(ctx, { username: 'dx-county', password: PASSWORD }, ip);
    expect(longer.headers['retry-after']).toBe('4');
    expect(longer.json().message).toBe('尝试过于频繁，请4秒后再试');
    ctx.clock.advanceSeconds(4);
    expect((await tryLogin(ctx, 'dx-county', PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('proof of work', () => {
  it('is asked after 2 failures; a wrong or reused solution is refused, a right one accepted', async () => {
    const ip = '10.5.0.1';
    await failLogins(ctx, 'yp-mine', 2, ip);
    const asked = await postLogin(ctx, { username: 'yp-mine', password: PASSWORD }, ip);
    expect(asked.statusCode).toBe(428);
    expect(asked.json().message).toBe('请先完成安全校验再登录');
    const pow = await solveChallengeOf(asked);
    const wrong = await postLogin(
      ctx,
      { username: 'yp-mine', password: PASSWORD, pow: { ...pow, nonce: 'x' } },
      ip,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].field).toBe('pow.nonce');
    const ok = await postLogin(ctx, { username: 'yp-mine', password: PASSWORD, pow }, ip);
    expect(ok.statusCode).toBe(200);
    await failLogins(ctx, 'yp-mine', 2, ip);
    const reused = await postLogin(ctx, { username: 'yp-mine', password: PASSWORD, pow }, ip);
    expect(reused.statusCode).toBe(428);
  });

  it('a nonce that does not reach the difficulty is refused with the same challenge', async () => {
    const ip = '10.5.0.2';
    await failLogins(ctx, 'xz-division', 2, ip);
    const asked = await postLogin(ctx, { username: 'xz-division', password: PASSWORD }, ip);
    const { challenge } = asked.json();
    const { createHash } = await import('node:crypto');
    let nonce = 0;
    // A nonce whose hash starts with a one bit fails any difficulty.
    while ((createHash('sha256').update(`${challenge.salt}${nonce}`).digest()[0] ?? 0) < 0x80) nonce++;
    const refused = await postLogin(
      ctx,
      { username: 'xz-division', password: PASSWORD, pow: { salt: challenge.salt, nonce: String(nonce) } },
      ip,
    );
    expect(refused.statusCode).toBe(428);
    expect(refused.json().challenge).toEqual(challenge);
  });

  it('is asked of every username from an address that failed for 5 of them, not from others', async () => {
    const ip = '10.6.0.1';
    for (const name of ['a-1', 'a-2', 'a-3', 'a-4', 'a-5']) await failLogins(ctx, name, 1, ip);
    expect((await postLogin(ctx, { username: 'sx-audit', password: PASSWORD }, ip)).statusCode).toBe(428);
    expect((await postLogin(ctx, { username: 'sx-audit', password: PASSWORD }, '10.6.0.2')).statusCode).toBe(
      200,
    );
  });

  it('is asked from every address once an account failed 10 times, which locks no one out', async () => {
    for (let i = 1; i <= 10; i++) await failLogins(ctx, 'sx-officer', 1, `10.7.0.${i}`);
    const asked = await postLogin(ctx, { username: 'sx-officer', password: PASSWORD }, '10.7.1.1');
    expect(asked.statusCode).toBe(428);
    expect((await tryLogin(ctx, 'sx-officer', PASSWORD, '10.7.1.1')).statusCode).toBe(200);
  });
});

describe('POST /api/auth/change-password is throttled per user', () => {
  it('after 3 wrong old passwords the next attempt waits; the right one then changes it', async () => {
    const cookie = await ctx.login('dx-mine-head');
    const change = (oldPassword: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { cookie },
        payload: { oldPassword, newPassword: 'Better@2025' },
      });
    for (let i = 0; i < 3; i++) expect((await change('Nope-1234')).statusCode).toBe(400);
    const early = await change(PASSWORD);
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe('2');
    expect(early.json().message).toBe('尝试过于频繁，请2秒后再试');
    ctx.clock.advanceSeconds(2);
    expect((await change('Nope-1234')).statusCode).toBe(400);
    expect((await change(PASSWORD)).headers['retry-after']).toBe('4');
    ctx.clock.advanceSeconds(4);
    expect((await change(PASSWORD)).statusCode).toBe(200);
  });
});

describe('the counts live in the database and are pruned', () => {
  it('drops counters nothing touched for a day once another failure is counted', async () => {
    await failLogins(ctx, 'grp-a', 1, '10.8.0.1');
    expect((await countersWhere('ip', '10.8.0.1')).length).toBeGreaterThan(0);
    ctx.clock.advanceMinutes(26 * 60);
    await failLogins(ctx, 'grp-a', 1, '10.8.0.2');
    expect(await countersWhere('ip', '10.8.0.1')).toEqual([]);
  });
});
