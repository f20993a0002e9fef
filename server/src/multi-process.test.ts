import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { verifyAuditChain } from './audit/audit.verifier';
import { openAuditLog } from './audit/audit-log';
import { createDb } from './db/database';
import { unlessRunningElsewhere } from './db/dialect';
import { JOBS_LOCK } from './jobs';
import { MAJOR } from './modules/hazards/hazard.fixtures';
import { createTestContext, onPostgres, TEST_AUDIT_ENV, type TestContext } from './testing';

/**
 * Several server processes on one PostgreSQL (behind a load balancer): a second app on its own
 * connection pool and the same data folder stands for the second process. SQLite serves one
 * process (its test database is in memory), so this runs in `npm run test:pg`.
 */
describe.runIf(onPostgres())('two server processes on one PostgreSQL', () => {
  let ctx: TestContext;
  let other: {
    app: Awaited<ReturnType<typeof buildApp>>;
    db: ReturnType<typeof createDb>;
    close(): Promise<void>;
  };
  let ours: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = createDb(ctx.databaseUrl);
    const audit = await openAuditLog(db, { dataDir: ctx.dataDir, env: TEST_AUDIT_ENV });
    const app = await buildApp(ctx.config, db);
    await app.ready();
    other = {
      app,
      db,
      close: async () => {
        await app.close();
        await audit.close();
        await db.destroy();
      },
    };
    ours = await ctx.login('dx-mine');
  });
  afterAll(async () => {
    await other?.close();
    await ctx?.close();
  });

  it('a session made on one server works on the other, and ends on both at logout', async () => {
    const me = await other.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: ours } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('dx-mine');
    const cookie = await ctx.login('dx-county');
    const out = await other.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBeLessThan(300);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('records written on both at once get distinct ids, one audit chain, and it verifies', async () => {
    const register = (app: typeof ctx.app) =>
      app.inject({ method: 'POST', url: '/api/hazards', headers: { cookie: ours }, payload: MAJOR });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => register(i % 2 === 0 ? ctx.app : other.app)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 201));
    const ids = answers.map((a) => a.json().id as string);
    expect(new Set(ids).size).toBe(ids.length);
    const events = await ctx.db
      .selectFrom('audit_events')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    // One chain: every event follows exactly one, none forks from an older head.
    expect(new Set(events.map((e) => e.prev_hash)).size).toBe(events.length);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('a scheduled round runs in one process at a time (advisory lock)', async () => {
    let otherRan = 'not asked';
    const held = await unlessRunningElsewhere(ctx.db, JOBS_LOCK, async () => {
      // While this process holds the round, the other's attempt is skipped.
      const r = await unlessRunningElsewhere(other.db, JOBS_LOCK, async () => 'ran');
      otherRan = r ?? 'skipped';
      return 'ran';
    });
    expect(held).toBe('ran');
    expect(otherRan).toBe('skipped');
    // Released after: the other process's next round runs.
    expect(await unlessRunningElsewhere(other.db, JOBS_LOCK, async () => 'ran')).toBe('ran');
  });
});
