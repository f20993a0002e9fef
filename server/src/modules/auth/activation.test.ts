import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, type TestContext } from '../../testing';
import { tryLogin } from '../../testing/login';

/**
 * 重置密码 under 三员: the security administrator issues a one-time code and never learns nor
 * chooses the password; the code works on the activation page only, once, within 24 hours.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const idOf = async (username: string) =>
  (await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
const reset = async (username: string, payload: object = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/users/${await idOf(username)}/reset-password`,
    // Signed in anew each time: the tests move the clock past the idle timeout.
    headers: { cookie: await ctx.login('sx-sec') },
    payload,
  });
// As the login page does: the proof of work the failures here ask for is solved.
const login = (username: string, password: string) => tryLogin(ctx, username, password);
const activate = (code: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/activation', payload: { code, password } });

describe('sx-sec resets sx-admin', () => {
  it('cannot choose the password', async () => {
    const res = await reset('sx-admin', { password: 'Mine@2024xx' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('password');
    expect(res.json().message).toMatch(/^密码：/);
    expect((await login('sx-admin', 'Mine@2024xx')).statusCode).toBe(401);
  });

  it('learns no password: the code is not one, and only the activation page takes it, once', async () => {
    const old = await ctx.login('sx-admin');
    const res = await reset('sx-admin');
    expect(res.statusCode).toBe(200);
    const issued = res.json();
    expect(Object.keys(issued).sort()).toEqual(['code', 'displayName', 'expiresAt', 'userId', 'username']);
    // 128 random bits in base32, grouped for reading out: 26 characters.
    expect(issued.code.replaceAll('-', '')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(issued.expiresAt).toBe('2024-08-02T02:00:00.000Z');
    // The old password and session are gone; the code signs nobody in.
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: old } })).statusCode,
    ).toBe(401);
    expect((await login('sx-admin', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('sx-admin', issued.code)).statusCode).toBe(401);
    const stored = await ctx.db.selectFrom('activation_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(issued.code.replaceAll('-', ''));

    const check = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/activation/check',
      payload: { code: issued.code.toLowerCase() },
    });
    expect(check.json()).toEqual({
      username: 'sx-admin',
      displayName: '系统管理员',
      expiresAt: issued.expiresAt,
    });
    const weak = await activate(issued.code, 'weakweak');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0].field).toBe('password');
    expect((await activate(issued.code, 'Admin@Own2024')).statusCode).toBe(200);
    expect((await login('sx-admin', 'Admin@Own2024')).statusCode).toBe(200);
    const again = await activate(issued.code, 'Other@Own2024');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ fields: [{ field: 'code' }] });
    expect(again.json().message).toContain('已使用');
    expect((await login('sx-admin', 'Other@Own2024')).statusCode).toBe(401);
  });

  it('the use is audited and notified to the user and the other administrators', async () => {
    const adminId = await idOf('sx-admin');
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', adminId)
      .where('action', 'in', ['user.password_reset', 'auth.activated'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'user.password_reset', actor_user_id: await idOf('sx-sec') },
      { action: 'auth.activated', actor_user_id: adminId },
    ]);
    const titles = async (username: string) =>
      (
        await ctx.db
          .selectFrom('notifications')
          .select('title')
          .where('user_id', '=', await idOf(username))
          .where('kind', '=', 'account.activated')
          .execute()
      ).map((n) => n.title);
    expect(await titles('sx-admin')).toEqual(['您的账号已通过激活码设置新密码']);
    expect(await titles('sx-audit')).toEqual(['管理员账号 sx-admin 已通过激活码设置新密码']);
  });
});

describe('a code expires and is replaced', () => {
  it('is refused after 24 hours', async () => {
    const { code } = (await reset('dx-county')).json();
    ctx.clock.advanceMinutes(24 * 60 + 1);
    const res = await activate(code, 'County@Own2024');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('已过期');
  });

  it('a new reset voids the code before it', async () => {
    const first = (await reset('xz-city')).json().code;
    const second = (await reset('xz-city')).json().code;
    expect((await activate(first, 'City@Own2024')).json().message).toContain('已作废');
    expect((await activate(second, 'City@Own2024')).statusCode).toBe(200);
  });

  it('an unknown code: 400 naming the field, and the attempt is audited', async () => {
    const res = await activate('AAAA-BBBB', 'City@Own2024');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'code' });
    const failed = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'auth.activation_failed')
      .execute();
    expect(failed.length).toBeGreaterThan(0);
  });
});
