import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../seed/builders';
import { demoActors } from '../seed/demo-actors';
import { createTestContext, orgIdByName, type TestContext } from '../testing';
import { accountChangeScope } from './account-change-scope';

/** Each branch of who sees an account change request, on the demo's one (sx-admin asks, sx-sec approves). */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await buildUser(ctx.db, {
    orgId: await orgIdByName(ctx.db, '山西省应急管理厅'),
    roles: ['sys_admin'],
    username: 'sx-admin-other',
    passwordHash: 'x',
  });
});
afterAll(() => ctx.close());

async function seen(username: string): Promise<number> {
  const actor = (await demoActors(ctx.db)).named(username);
  const rows = await ctx.db
    .selectFrom('account_changes as c')
    .select('c.id')
    .where(accountChangeScope(actor))
    .execute();
  return rows.length;
}

describe('accountChangeScope', () => {
  it('an audit administrator sees every request', async () => {
    expect(await seen('sx-audit')).toBe(1);
  });
  it('a security administrator sees the requests its role approves', async () => {
    expect(await seen('sx-sec')).toBe(1);
    await ctx.db.updateTable('account_changes').set({ approver_role: 'audit_admin' }).execute();
    expect(await seen('sx-sec')).toBe(0);
    await ctx.db.updateTable('account_changes').set({ approver_role: 'sec_admin' }).execute();
  });
  it('a system administrator sees the requests it filed, not another one’s', async () => {
    expect(await seen('sx-admin')).toBe(1);
    expect(await seen('sx-admin-other')).toBe(0);
  });
  it('anyone else sees none', async () => {
    expect(await seen('sx-officer')).toBe(0);
    expect(await seen('dx-mine')).toBe(0);
  });
});
