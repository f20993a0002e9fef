import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, failLogins, type TestContext } from '../../testing';

/** The 三员's first page: each administrator's own work, nothing of a role it does not hold. */
let ctx: TestContext;
const c: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['sx-admin', 'sx-sec', 'sx-audit', 'dx-county']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST', url: string, user?: string) =>
  ctx.app.inject({ method, url, headers: user ? { cookie: c[user]! } : {} });
const work = async (user: string) => {
  const res = await call('GET', '/api/today/admin', user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type Line = { id: string; username: string };
const names = (lines: Line[]) => lines.map((l) => l.username);

describe('GET /api/today/admin', () => {
  it('401 without a session; 403 for a business account', async () => {
    expect((await call('GET', '/api/today/admin')).statusCode).toBe(401);
    expect((await call('GET', '/api/today/admin', 'dx-county')).statusCode).toBe(403);
  });

  it('the system administrator: its request waiting, no security or audit sections', async () => {
    const t = await work('sx-admin');
    expect(t.requests).toEqual([
      expect.objectContaining({ change: 'create', state: 'pending', username: 'xz-inspector' }),
    ]);
    expect(Array.isArray(t.attention)).toBe(true);
    expect(t.approvals).toBeNull();
    expect(t.locked).toBeNull();
    expect(t.activations).toBeNull();
    expect(t.audit).toBeNull();
  });

  it('the security administrator: the request to approve, locked accounts, unused activation codes', async () => {
    let t = await work('sx-sec');
    expect(t.approvals.map((a: { username: string }) => a.username)).toEqual(['xz-inspector']);
    expect(t.requests).toBeNull();
    expect(t.attention).toBeNull();
    expect(names(t.locked)).not.toContain('yp-mine');
    await failLogins(ctx, 'yp-mine', 5);
    c['sx-sec'] = await ctx.login('sx-sec');
    expect(names((await work('sx-sec')).locked)).toContain('yp-mine');
    const [head] = (await call('GET', '/api/users?q=dx-mine-head', 'sx-sec')).json().items;
    expect((await call('POST', `/api/users/${head.id}/reset-password`, 'sx-sec')).statusCode).toBe(200);
    t = await work('sx-sec');
    expect(names(t.activations)).toEqual(['dx-mine-head']);
    expect(t.activations[0].until > t.asOf).toBe(true);
  });

  it('the auditor: the chain not verified lately, then verified; the refusals still counting', async () => {
    expect((await work('sx-audit')).audit).toMatchObject({ verifiedAt: null, verifiedOk: null });
    expect((await call('POST', '/api/audit/verify', 'sx-audit')).statusCode).toBe(200);
    const t = await work('sx-audit');
    expect(t.audit).toMatchObject({ verifiedBy: 'sx-audit', verifiedOk: true });
    // A refusal counts in its window until the window closes into one event of the log.
    expect((await call('GET', '/api/users', 'dx-county')).statusCode).toBe(403);
    expect((await work('sx-audit')).audit.refusals).toBe(t.audit.refusals + 1);
    expect(t.approvals).toEqual([]);
    expect(t.locked).toBeNull();
  });
});
