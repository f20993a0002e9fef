import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, failLogins, orgIdByName, type TestContext } from '../../testing';

let ctx: TestContext;
let admin: string;
let security: string;
let daixian: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('sx-admin');
  security = await ctx.login('sx-sec');
  daixian = await orgIdByName(ctx.db, '代县应急管理局');
});
afterAll(() => ctx.close());

const newUser = (username: string, extra: object = {}) => ({
  username,
  displayName: '新用户',
  orgId: daixian,
  roles: ['regulator_officer'],
  ...extra,
});

describe('POST /api/users', () => {
  it('401 without a session; 403 for anyone but the system administrator', async () => {
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/users', payload: newUser('u401') })).statusCode,
    ).toBe(401);
    for (const user of ['sx-sec', 'sx-audit', 'sx-officer']) {
      const cookie = await ctx.login(user);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: newUser('u403'),
      });
      expect(res.statusCode, user).toBe(403);
    }
  });

  it('400 for a weak password and a bad username, each named', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: newUser('X', { password: 'weakweak' }),
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['password', 'username']);
  });

  it('400 when a role does not fit the org, or an administrator role is combined', async () => {
    const wrongKind = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: newUser('wrongkind', { roles: ['mine_principal'] }),
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().fields[0].field).toBe('roles');
    const province = await orgIdByName(ctx.db, '山西省应急管理厅');
    const combined = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: newUser('combined', { orgId: province, roles: ['sys_admin', 'audit_admin'] }),
    });
    expect(combined.statusCode).toBe(400);
    expect(combined.json().message).toContain('分设');
  });

  it('files a request; once the security administrator approves, the user sets a password with the code', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: newUser('newbie'),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      change: 'create',
      state: 'pending',
      message: '已提交，待安全管理员审批生效',
      account: { username: 'newbie', orgName: '代县应急管理局' },
    });
    const approved = await ctx.app.inject({
      method: 'POST',
      url: `/api/account-changes/${res.json().id}/actions/approve`,
      headers: { cookie: security },
      payload: {},
    });
    const { code } = approved.json().activation;
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=newbie',
      headers: { cookie: admin },
    });
    expect(list.json().items[0]).toMatchObject({ activationPending: true, mustChangePassword: false });
    const activated = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/activation',
      payload: { code, password: 'Mine@Safe2024' },
    });
    expect(activated.statusCode).toBe(200);
    const cookie = await ctx.login('newbie', 'Mine@Safe2024');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/mines', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it('409 for a username already taken', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: newUser('dx-county'),
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('security administrator', () => {
  it('unlocks a locked account', async () => {
    await failLogins(ctx, 'yp-mine', 5);
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=yp-mine',
      headers: { cookie: security },
    });
    const target = list.json().items[0];
    expect(target.locked).toBe(true);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/users/${target.id}/unlock`,
          headers: { cookie: admin },
        })
      ).statusCode,
    ).toBe(403);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${target.id}/unlock`,
      headers: { cookie: security },
    });
    expect(res.json().locked).toBe(false);
    await ctx.login('yp-mine');
  });

  it('resets a password: old sessions end and the user sets a new one with a one-time code', async () => {
    const old = await ctx.login('xz-city');
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=xz-city',
      headers: { cookie: security },
    });
    const id = list.json().items[0].id;
    const bad = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${id}/reset-password`,
      headers: { cookie: security },
      payload: { password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${id}/reset-password`,
      headers: { cookie: security },
      payload: {},
    });
    // 24 hours from now (the clock has moved on by the throttle waits of the tests before).
    const expiresAt = new Date(ctx.clock.now().getTime() + 24 * 3600_000).toISOString();
    expect(res.json()).toMatchObject({ username: 'xz-city', expiresAt });
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: old } })).statusCode,
    ).toBe(401);
  });

  it('404 for an unknown user', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users/nope/unlock',
      headers: { cookie: security },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('PATCH /api/users/:id', () => {
  it('deactivating a user is a request: its sessions end once approved; an admin cannot deactivate itself', async () => {
    const cookie = await ctx.login('grp-a');
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=grp-a',
      headers: { cookie: admin },
    });
    const id = list.json().items[0].id;
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ change: 'deactivate', account: { username: 'grp-a', active: true } });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await ctx.app.inject({
      method: 'POST',
      url: `/api/account-changes/${res.json().id}/actions/approve`,
      headers: { cookie: security },
      payload: {},
    });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const self = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: admin } })).json();
    const own = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${self.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(own.statusCode).toBe(409);
  });

  it('name and phone change at once (200 with the user)', async () => {
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users?q=dx-mine',
      headers: { cookie: admin },
    });
    const user = list.json().items.find((u: { username: string }) => u.username === 'dx-mine');
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { cookie: admin },
      payload: { displayName: '孙安全员', phone: '13900000000', roles: user.roles },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '孙安全员', phone: '13900000000' });
  });
});
