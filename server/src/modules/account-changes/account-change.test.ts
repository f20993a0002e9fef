import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../seed/builders';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { tryLogin } from '../../testing/login';
import { cookieJar } from '../../testing/workflow-suite';
import { hashPassword } from '../auth/password';

/**
 * The attacks of issue 9 (三员) against the account changes: each one the system administrator
 * could do alone before now waits for another administrator, or is refused outright.
 */
let ctx: TestContext;
let province: string;
let daixian: string;
beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgIdByName(ctx.db, '山西省应急管理厅');
  daixian = await orgIdByName(ctx.db, '代县应急管理局');
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, user: string, payload?: object) {
  return ctx.app.inject({ method, url: `/api${url}`, headers: { cookie: await cookie(user) }, payload });
}
const act = (id: string, action: string, user: string, payload: object = {}) =>
  call('POST', `/account-changes/${id}/actions/${action}`, user, payload);
const userId = async (username: string) =>
  (await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
const loginStatus = async (username: string, password: string) =>
  (await tryLogin(ctx, username, password)).statusCode;

describe('sx-admin creates an auditor or a regulator account', () => {
  it.each([
    ['audit_admin', 'audit-new', () => province],
    ['regulator_officer', 'dx-regulator-new', () => daixian],
  ] as const)(
    '%s: no usable account until sx-sec approves, never with a password sx-admin chose',
    async (role, username, org) => {
      const account = { username, displayName: '新账号', orgId: org(), roles: [role] };
      const chosen = await call('POST', '/users', 'sx-admin', { ...account, password: 'Chosen@2024x' });
      expect(chosen.statusCode).toBe(400);
      expect(chosen.json().fields.map((f: { field: string }) => f.field)).toEqual(['password']);
      expect(chosen.json().message).toContain('密码');

      const filed = await call('POST', '/users', 'sx-admin', account);
      expect(filed.statusCode).toBe(202);
      expect(filed.json()).toMatchObject({
        state: 'pending',
        approverRole: 'sec_admin',
        message: '已提交，待安全管理员审批生效',
        account: { userId: null, username, roles: [role] },
        activation: null,
      });
      expect(
        await ctx.db.selectFrom('users').select('id').where('username', '=', username).execute(),
      ).toEqual([]);
      expect(await loginStatus(username, 'Chosen@2024x')).toBe(401);

      const approved = await act(filed.json().id, 'approve', 'sx-sec', { comment: '同意' });
      expect(approved.statusCode, approved.body).toBe(200);
      const { activation } = approved.json();
      // 24 hours from the approval (the clock moves on with the login waits of the runs before).
      const expiresAt = new Date(ctx.clock.now().getTime() + 24 * 3600_000).toISOString();
      expect(activation).toMatchObject({ username, expiresAt });
      // The account exists now, but nobody knows a password of it: not sx-admin, not sx-sec.
      expect(await loginStatus(username, 'Chosen@2024x')).toBe(401);
      expect(await loginStatus(username, activation.code)).toBe(401);
      // sx-admin reads its request as decided, without the code.
      const mine = await call('GET', `/account-changes/${filed.json().id}`, 'sx-admin');
      expect(mine.json()).toMatchObject({ state: 'approved', decidedBy: '安全管理员', activation: null });
      expect(mine.body).not.toContain(activation.code);

      const activated = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/activation',
        payload: { code: activation.code, password: 'Own@Pass2024' },
      });
      expect(activated.statusCode, activated.body).toBe(200);
      expect(await loginStatus(username, 'Own@Pass2024')).toBe(200);
    },
  );

  it('a username taken between filing and approval: the approval answers 409 and changes nothing', async () => {
    const filed = await call('POST', '/users', 'sx-admin', {
      username: 'dx-late',
      displayName: '晚到的人',
      orgId: daixian,
      roles: ['inspector'],
    });
    await buildUser(ctx.db, { orgId: daixian, roles: ['inspector'], username: 'dx-late', passwordHash: 'x' });
    const approved = await act(filed.json().id, 'approve', 'sx-sec');
    expect(approved.statusCode).toBe(409);
    expect(approved.json().message).toContain('用户名已存在');
    expect((await call('GET', `/account-changes/${filed.json().id}`, 'sx-sec')).json().state).toBe('pending');
  });
});

describe('no second administrator role', () => {
  it('sx-admin cannot make sx-sec an auditor, not even as a request', async () => {
    const sec = await userId('sx-sec');
    for (const roles of [['audit_admin'], ['sec_admin', 'audit_admin'], ['regulator_officer']]) {
      const res = await call('PATCH', `/users/${sec}`, 'sx-admin', { roles });
      expect(res.statusCode, JSON.stringify(roles)).toBe(400);
      expect(res.json().fields[0].field).toBe('roles');
      expect(res.json().message).toMatch(/^角色：/);
    }
    const direct = await call('POST', '/account-changes', 'sx-admin', {
      change: 'roles',
      userId: sec,
      roles: ['audit_admin'],
    });
    expect(direct.statusCode).toBe(400);
    expect(
      await ctx.db.selectFrom('account_changes').select('id').where('target_user_id', '=', sec).execute(),
    ).toEqual([]);
  });

  it('no administrator role for an existing business account, nor beside a business role', async () => {
    const county = await userId('dx-county');
    const grant = await call('PATCH', `/users/${county}`, 'sx-admin', { roles: ['sec_admin'] });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().message).toContain('管理员账号须单独新建');
    const both = await call('POST', '/users', 'sx-admin', {
      username: 'both-roles',
      displayName: '两个角色',
      orgId: province,
      roles: ['audit_admin', 'regulator_officer'],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().fields[0].field).toBe('roles');
  });

  it('a change touching a security administrator is approved by the auditor, not sx-sec', async () => {
    const filed = await call('PATCH', `/users/${await userId('sx-sec')}`, 'sx-admin', { active: false });
    expect(filed.statusCode).toBe(202);
    expect(filed.json()).toMatchObject({
      approverRole: 'audit_admin',
      message: '已提交，待审计管理员审批生效',
    });
    expect((await act(filed.json().id, 'approve', 'sx-sec')).statusCode).toBe(404);
    expect((await act(filed.json().id, 'reject', 'sx-audit', { reason: '无停用依据' })).statusCode).toBe(200);
    expect(await loginStatus('sx-sec', DEMO_PASSWORD)).toBe(200);
  });
});

describe('nobody deactivates the auditor alone', () => {
  it('sx-admin asks, sx-sec approves: sx-audit is still active until an auditor confirms', async () => {
    const filed = await call('PATCH', `/users/${await userId('sx-audit')}`, 'sx-admin', { active: false });
    expect(filed.statusCode).toBe(202);
    expect(filed.json()).toMatchObject({ approvals: 'dual', approverRole: 'sec_admin' });
    const id = filed.json().id;
    expect((await act(id, 'approve', 'sx-sec')).statusCode).toBe(409);
    const first = await act(id, 'approveFirst', 'sx-sec');
    expect(first.json().state).toBe('confirming');
    expect(await loginStatus('sx-audit', DEMO_PASSWORD)).toBe(200);
    expect((await act(id, 'approveSecond', 'sx-sec')).statusCode).toBe(403);
    expect((await act(id, 'approveSecond', 'sx-admin')).statusCode).toBe(403);
    expect((await call('GET', '/account-changes?box=pending', 'sx-audit')).json().items[0].id).toBe(id);
    const refused = await act(id, 'rejectSecond', 'sx-audit', { reason: '本人在岗，不同意停用' });
    expect(refused.json().state).toBe('rejected');
    expect(await loginStatus('sx-audit', DEMO_PASSWORD)).toBe(200);
  });
});

describe('a requester never approves its own request', () => {
  it('403 for the requester, even one that (wrongly) holds an approving role too', async () => {
    const filed = await call('POST', '/users', 'sx-admin', {
      username: 'dx-own',
      displayName: '自批测试',
      orgId: daixian,
      roles: ['inspector'],
    });
    expect((await act(filed.json().id, 'approve', 'sx-admin')).statusCode).toBe(403);
    // Roles written past the rules (as a tampered database might hold them).
    await buildUser(ctx.db, {
      orgId: province,
      roles: ['sys_admin', 'sec_admin'],
      username: 'sx-both',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    const own = await call('POST', '/users', 'sx-both', {
      username: 'dx-own-2',
      displayName: '自批测试',
      orgId: daixian,
      roles: ['inspector'],
    });
    expect(own.json().actions).toEqual(['withdraw']);
    const res = await act(own.json().id, 'approve', 'sx-both');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('只有审批管理员有权批准');
  });
});

describe('who sees a request', () => {
  it('the requester, the approving role and the auditors; another system administrator gets 404', async () => {
    await buildUser(ctx.db, {
      orgId: province,
      roles: ['sys_admin'],
      username: 'sx-admin-b',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    const filed = await call('POST', '/users', 'sx-admin', {
      username: 'dx-seen',
      displayName: '可见测试',
      orgId: daixian,
      roles: ['inspector'],
    });
    const url = `/account-changes/${filed.json().id}`;
    for (const user of ['sx-admin', 'sx-sec', 'sx-audit'])
      expect((await call('GET', url, user)).statusCode, user).toBe(200);
    expect((await call('GET', url, 'sx-admin-b')).statusCode).toBe(404);
    expect((await call('GET', url, 'dx-county')).statusCode).toBe(403);
    const mine = (await call('GET', '/account-changes?box=mine', 'sx-admin')).json().items;
    expect(mine.map((r: { id: string }) => r.id)).toContain(filed.json().id);
    expect((await call('GET', '/account-changes?box=all', 'sx-admin-b')).json().items).toEqual([]);
  });

  it('the demo holds one request waiting for sx-sec', async () => {
    const pending = (await call('GET', '/account-changes?box=pending', 'sx-sec')).json().items;
    expect(pending.map((r: { account: { username: string } }) => r.account.username)).toContain(
      'xz-inspector',
    );
  });
});

describe('the routes themselves', () => {
  it('401 without a session, before any field is named', async () => {
    const demo = (await call('GET', '/account-changes?box=all', 'sx-audit')).json().items[0].id;
    for (const [method, url] of [
      ['GET', '/api/account-changes'],
      ['GET', `/api/account-changes/${demo}`],
      ['POST', '/api/account-changes'],
      ['POST', `/api/account-changes/${demo}/actions/approve`],
    ] as const) {
      const res = await ctx.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().fields, `${method} ${url}`).toBeUndefined();
    }
  });

  it('400 naming 变更事项 when the change is missing; 404 for a request that is not there', async () => {
    const missing = await call('POST', '/account-changes', 'sx-admin', {});
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .fields.map((f: { message: string }) => f.message)
        .join('；'),
    ).toContain('变更事项');
    expect((await call('GET', '/account-changes/NOPE', 'sx-sec')).statusCode).toBe(404);
    expect((await act('NOPE', 'approve', 'sx-sec')).statusCode).toBe(404);
  });
});
