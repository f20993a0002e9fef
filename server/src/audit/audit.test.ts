import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDatabaseOwner, createTestContext, type TestContext } from '../testing';
import { verifyAuditChain } from './audit.verifier';

let ctx: TestContext;
let auditor: string;
beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await ctx.login('sx-audit');
  // Some history: a failed login, logins, a denied access.
  await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'dx-county', password: 'Wrong-pass1' },
  });
  const cookie = await ctx.login('dx-mine');
  await ctx.app.inject({ method: 'GET', url: '/api/audit/events', headers: { cookie } });
});
afterAll(() => ctx.close());

describe('the audit chain', () => {
  it('verifies intact', async () => {
    const r = await verifyAuditChain(ctx.db);
    expect(r).toMatchObject({ ok: true, brokenAt: null });
    expect(r.checked).toBeGreaterThan(3);
  });

  it('names the first altered event when a row is changed in the database', async () => {
    const victim = await ctx.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'auth.login_failed')
      .executeTakeFirstOrThrow();
    await asDatabaseOwner(ctx.db, (db) =>
      db
        .updateTable('audit_events')
        .set({ actor_username: 'someone-else' })
        .where('seq', '=', victim.seq)
        .execute(),
    );
    const r = await verifyAuditChain(ctx.db);
    expect(r.ok).toBe(false);
    expect(r.brokenAt).toBe(victim.seq);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: auditor },
    });
    expect(res.json()).toMatchObject({ ok: false, brokenAt: victim.seq });
    await asDatabaseOwner(ctx.db, (db) =>
      db
        .updateTable('audit_events')
        .set({ actor_username: 'dx-county' })
        .where('seq', '=', victim.seq)
        .execute(),
    );
  });

  it('names the event after a deleted one', async () => {
    const rows = await ctx.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    const middle = rows[2]!.seq;
    const backup = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', middle)
      .executeTakeFirstOrThrow();
    await asDatabaseOwner(ctx.db, (db) => db.deleteFrom('audit_events').where('seq', '=', middle).execute());
    const r = await verifyAuditChain(ctx.db);
    expect(r).toMatchObject({ ok: false, brokenAt: rows[3]!.seq });
    await ctx.db.insertInto('audit_events').values(backup).execute();
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});

describe('GET /api/audit/events', () => {
  it('401 without a session, 403 for non-auditors', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit/events' })).statusCode).toBe(401);
    const cookie = await ctx.login('sx-admin');
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/audit/events', headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it('400 for a malformed time filter', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events?from=yesterday',
      headers: { cookie: auditor },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('from');
  });

  it('records logins, failed logins and denied access with actor and IP', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events?limit=500',
      headers: { cookie: auditor },
    });
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed', 'access.denied', 'system.seeded']),
    );
    const failed = res.json().items.find((e: { action: string }) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({ actorUsername: 'dx-county', ip: '127.0.0.1' });
  });

  it('filters by action and actor and pages newest first', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events?action=auth.login&limit=1',
      headers: { cookie: auditor },
    });
    const first = res.json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit/events?action=auth.login&limit=1&cursor=${first.nextCursor}`,
      headers: { cookie: auditor },
    });
    expect(next.json().items[0].seq).toBeLessThan(first.items[0].seq);
    const byActor = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events?actor=dx-mine',
      headers: { cookie: auditor },
    });
    for (const e of byActor.json().items) expect(e.actorUsername).toBe('dx-mine');
  });

  it('exports CSV with a BOM and Chinese action names, and audits the export', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events.csv?action=auth.login',
      headers: { cookie: auditor },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain('"登录"');
    const last = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(last?.action).toBe('audit.exported');
  });
});
