import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.verifier';
import { createTestContext, orgIdByName, type TestContext } from '../testing';
import { buildMine, buildUser } from './builders';
import { FOLLOW_UP_PLAN_KEY } from './demo-recent';
import { removeDemoRecords } from './demo-records';

/** `seed --remove-demo`: the demo data goes, real records stay, the audit chain still verifies. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const countOf = async (table: 'orgs' | 'users' | 'hazards' | 'campaigns' | 'notices' | 'obligations') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('removing the demo data', () => {
  it('is refused, naming what stands in the way, while a real record points at demo data', async () => {
    const demoMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
    const stray = await ctx.db
      .transaction()
      .execute((trx) =>
        buildUser(trx, { orgId: demoMine, roles: ['mine_safety_officer'], passwordHash: 'x' }),
      );
    const before = await countOf('orgs');
    await expect(removeDemoRecords(ctx.db, ctx.clock)).rejects.toThrow('1个账号属于示例单位');
    expect(await countOf('orgs')).toBe(before);
    await ctx.db.deleteFrom('user_roles').where('user_id', '=', stray).execute();
    await ctx.db.deleteFrom('users').where('id', '=', stray).execute();
  });

  it('removes every demo record and keeps the real ones and the regulators’ tree', async () => {
    const county = await orgIdByName(ctx.db, '代县应急管理局');
    const officer = await ctx.login('dx-county');
    // A real mine with a real hazard, registered by a regulator before the demo is removed.
    const realMine = await ctx.db
      .transaction()
      .execute((trx) =>
        buildMine(trx, { supervisorOrgId: county, regionCode: '140923', name: '代县真实煤矿' }),
      );
    const realUser = await ctx.db.transaction().execute((trx) =>
      buildUser(trx, {
        orgId: county,
        roles: ['regulator_officer'],
        username: 'dx-real',
        passwordHash: 'x',
      }),
    );
    const hazard = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: officer },
      payload: {
        level: 'general',
        description: '井下巷道照明不足（真实记录）',
        location: '主运输巷',
        foundOn: '2024-07-30',
        foundBy: '刘县局',
        source: 'inspection',
        mineId: realMine,
      },
    });
    expect(hazard.statusCode, hazard.body).toBe(201);
    expect(await countOf('campaigns')).toBeGreaterThan(0);

    const removed = await removeDemoRecords(ctx.db, ctx.clock);
    expect(removed.users).toBeGreaterThan(10);

    const mines = await ctx.db.selectFrom('orgs').select('id').where('kind', '=', 'mine').execute();
    expect(mines.map((m) => m.id)).toEqual([realMine]);
    const hazards = await ctx.db.selectFrom('hazards').select('id').execute();
    expect(hazards.map((h) => h.id)).toEqual([hazard.json().id]);
    const users = await ctx.db.selectFrom('users').select('id').execute();
    expect(users.map((u) => u.id)).toEqual([realUser]);
    for (const table of ['campaigns', 'notices', 'obligations'] as const)
      expect(await countOf(table)).toBe(0);
    // The regulators' tree is the real one: 2 provincial orgs, 11 cities, 14 counties, 1 division.
    expect(await countOf('orgs')).toBe(29);
    expect(await ctx.db.selectFrom('demo_records').selectAll().execute()).toEqual([]);

    const audit = await verifyAuditChain(ctx.db);
    expect(audit.ok).toBe(true);
    const last = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('system.demo_removed');
  });
});

describe('removing a demo started after 2024', () => {
  it('removes its record of 2024, its last twelve months and the follow-up list with its plan', async () => {
    const later = await createTestContext({ now: '2026-12-06T02:00:00.000Z' });
    try {
      const plans = () => later.db.selectFrom('plans').select('plan_key').orderBy('plan_key').execute();
      expect((await plans()).map((p) => p.plan_key)).toEqual(['sx-2024-tiegui', FOLLOW_UP_PLAN_KEY]);
      const recent = await later.db
        .selectFrom('hazards')
        .select('id')
        .where('found_on', '>=', '2025-01-01')
        .execute();
      expect(recent.length).toBeGreaterThan(0);
      await removeDemoRecords(later.db, later.clock);
      // The 2024 plan is the real document: it stays for a real campaign.
      expect((await plans()).map((p) => p.plan_key)).toEqual(['sx-2024-tiegui']);
      for (const table of ['campaigns', 'obligations', 'hazards', 'notices'] as const)
        expect(await later.db.selectFrom(table).select('id').execute()).toEqual([]);
      expect(await later.db.selectFrom('hazard_investigations').select('id').execute()).toEqual([]);
      expect(await later.db.selectFrom('submissions').select('id').execute()).toEqual([]);
      expect((await verifyAuditChain(later.db)).ok).toBe(true);
    } finally {
      await later.close();
    }
  }, 120_000);
});
