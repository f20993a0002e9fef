import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, failLogins, type TestContext, tryLogin } from '../../testing';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const login = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('POST /api/auth/login', () => {
  it('400 names the missing field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dx-county' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('password');
    expect(res.json().message).toContain('密码');
  });

  it('401 for a wrong password, saying neither how many attempts are left nor that the account exists', async () => {
    const res = await login('xz-city', 'Wrong-pass1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
  });

  it('401 for an unknown user, with the same message as a wrong password', async () => {
    const res = await login('nobody', 'Wrong-pass1');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('用户名或密码错误');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    // Waits and proofs of work between the failures are met as the login page meets them.
    await failLogins(ctx, 'grp-a', 5, '10.9.0.1');
    const locked = await tryLogin(ctx, 'grp-a', 'Tiegui@2024', '10.9.0.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('锁定');
    ctx.clock.advanceMinutes(16);
    expect((await tryLogin(ctx, 'grp-a', 'Tiegui@2024', '10.9.0.1')).statusCode).toBe(200);
  });

  it('sets an httpOnly SameSite cookie and /api/me answers who I am', async () => {
    const res = await login('dx-county', 'Tiegui@2024');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tiegui_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `tiegui_sid=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({
      username: 'dx-county',
      org: { name: '代县应急管理局', kind: 'county' },
    });
    expect(me.json().permissions).toContain('mine.read');
  });
});

describe('sessions', () => {
  it('401 without a cookie', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('ends after 30 idle minutes but not while in use', async () => {
    const cookie = await ctx.login('dx-mine');
    ctx.clock.advanceMinutes(25);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    ctx.clock.advanceMinutes(25);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    ctx.clock.advanceMinutes(31);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('logout ends the session', async () => {
    const cookie = await ctx.login('yp-mine');
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });
});

describe('POST /api/auth/change-password', () => {
  it('400 for a weak new password, naming the field', async () => {
    const cookie = await ctx.login('dx-mine-head');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { oldPassword: 'Tiegui@2024', newPassword: 'abcdefgh' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'newPassword' });
    expect(res.json().message).toContain('新密码');
  });

  it('400 for a wrong old password', async () => {
    const cookie = await ctx.login('dx-mine-head');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { oldPassword: 'Nope-1234', newPassword: 'Better@2025' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('oldPassword');
  });

  it('changes it: the old one stops working, the new one logs in', async () => {
    const cookie = await ctx.login('dx-mine-head');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { oldPassword: 'Tiegui@2024', newPassword: 'Better@2025' },
    });
    expect(res.statusCode).toBe(200);
    expect((await login('dx-mine-head', 'Tiegui@2024')).statusCode).toBe(401);
    expect((await login('dx-mine-head', 'Better@2025')).statusCode).toBe(200);
  });
});
