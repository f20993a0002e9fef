import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, type TestContext } from '../../testing';

/** A new password: not a common one, not naming its user, none of the user's last five. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function change(username: string, oldPassword: string, newPassword: string) {
  const cookie = await ctx.login(username, oldPassword);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    headers: { cookie },
    payload: { oldPassword, newPassword },
  });
}

const refusal = (res: { statusCode: number; json(): { message: string; fields: { field: string }[] } }) => ({
  status: res.statusCode,
  field: res.json().fields?.[0]?.field,
  message: res.json().message,
});

describe('POST /api/auth/change-password refuses', () => {
  it.each(['Password1', 'pASSWORD1', 'Admin@123', 'P@ssw0rd', 'Qwer1234', '1qaz@WSX'])(
    'the common password %s, naming 新密码',
    async (password) => {
      expect(refusal(await change('dx-mine', DEMO_PASSWORD, password))).toEqual({
        status: 400,
        field: 'newPassword',
        message: '新密码：密码过于常见，容易被猜中，请换一个',
      });
    },
  );

  it('a password containing the username, whatever its case', async () => {
    expect(refusal(await change('dx-mine', DEMO_PASSWORD, 'My-DX-MINE#2025'))).toEqual({
      status: 400,
      field: 'newPassword',
      message: '新密码：密码不能包含用户名',
    });
  });

  it('a password containing the 姓名 the account shows', async () => {
    const { display_name: name } = await ctx.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'dx-mine')
      .executeTakeFirstOrThrow();
    expect(refusal(await change('dx-mine', DEMO_PASSWORD, `Key#2025${name}`))).toEqual({
      status: 400,
      field: 'newPassword',
      message: '新密码：密码不能包含姓名',
    });
  });

  it('any of the last five passwords, and takes the sixth back', async () => {
    const passwords = [DEMO_PASSWORD, 'Coal#Seam2025', 'Roof&Bolt2025', 'Gas!Drain2025', 'Belt$Line2025'];
    for (const [i, next] of passwords.slice(1).entries())
      expect((await change('yp-mine', passwords[i]!, next)).statusCode).toBe(200);
    // Now at the fifth: each of the five (the current one too) is refused.
    for (const earlier of passwords.slice(0, 4)) {
      expect(refusal(await change('yp-mine', 'Belt$Line2025', earlier))).toEqual({
        status: 400,
        field: 'newPassword',
        message: '新密码：不能使用最近5次用过的密码',
      });
    }
    expect((await change('yp-mine', 'Belt$Line2025', 'Pump^House2025')).statusCode).toBe(200);
    // The first has left the last five.
    expect((await change('yp-mine', 'Pump^House2025', DEMO_PASSWORD)).statusCode).toBe(200);
    const kept = await ctx.db
      .selectFrom('password_history as h')
      .innerJoin('users as u', 'u.id', 'h.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.username', '=', 'yp-mine')
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(5);
  });
});

describe('POST /api/auth/activation refuses', () => {
  async function codeFor(username: string) {
    const user = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      headers: { cookie: await ctx.login('sx-sec') },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ code: string }>().code;
  }
  const activate = (code: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/activation', payload: { code, password } });

  it('a common password, one naming the user, and the password the reset ended, naming 密码', async () => {
    const code = await codeFor('grp-a');
    expect(refusal(await activate(code, 'p@ssw0rd'))).toMatchObject({
      status: 400,
      field: 'password',
      message: '密码：密码过于常见，容易被猜中，请换一个',
    });
    expect(refusal(await activate(code, 'My-Grp-A!2025x'))).toEqual({
      status: 400,
      field: 'password',
      message: '密码：密码不能包含用户名',
    });
    expect(refusal(await activate(code, DEMO_PASSWORD))).toEqual({
      status: 400,
      field: 'password',
      message: '密码：不能使用最近5次用过的密码',
    });
    expect((await activate(code, 'Fresh%Start2025')).statusCode).toBe(200);
    expect((await ctx.login('grp-a', 'Fresh%Start2025')).startsWith('tiegui_sid=')).toBe(true);
  });
});
