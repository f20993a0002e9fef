import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addObligationsForNewOrg } from '../modules/campaigns/campaign.service';
import { buildMine, buildOrg } from '../seed/builders';
import { createTestContext, orgIdByName, type TestContext } from '../testing';

/**
 * The data-scope matrix: for each demo account, a mine it must see and one it must not, on every
 * route that takes a mine or org id. Out of scope answers 404 (existence does not leak).
 */
let ctx: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  const { db } = ctx;
  ids.dxMine = await orgIdByName(db, '代县示例东山煤矿');
  ids.ypMine = await orgIdByName(db, '原平市示例东山煤矿');
  ids.cityMine = await orgIdByName(db, '宁武县示例金鼎煤业');
  const daixian = await orgIdByName(db, '代县应急管理局');
  const taiyuan = await orgIdByName(db, '太原市应急管理局');
  await db.transaction().execute(async (trx) => {
    ids.dxOther = await buildMine(trx, {
      supervisorOrgId: daixian,
      regionCode: '140923',
      name: '代县范围测试矿',
    });
    ids.tyMine = await buildMine(trx, {
      supervisorOrgId: taiyuan,
      regionCode: '140100',
      name: '太原范围测试矿',
    });
    // A mine in another province: outside even the province's region.
    const other = await buildOrg(trx, {
      parentId: null,
      kind: 'province',
      name: '外省测试厅',
      regionCode: '130000',
    });
    const otherCity = await buildOrg(trx, {
      parentId: other,
      kind: 'city',
      name: '外省测试市局',
      regionCode: '130100',
    });
    ids.outside = await buildMine(trx, {
      supervisorOrgId: otherCity,
      regionCode: '130100',
      name: '外省测试矿',
    });
    // Mines registered during the campaign owe its remaining periods (the one outside Shanxi owes none).
    for (const key of ['dxOther', 'tyMine']) await addObligationsForNewOrg(trx, ids[key]!, ctx.clock.now());
  });
});
afterAll(() => ctx.close());

const MATRIX: { user: string; sees: string[]; notSees: string[] }[] = [
  { user: 'sx-officer', sees: ['dxMine', 'ypMine', 'cityMine', 'tyMine'], notSees: ['outside'] },
  { user: 'xz-division', sees: ['dxMine', 'ypMine', 'cityMine'], notSees: ['tyMine', 'outside'] },
  { user: 'xz-city', sees: ['dxMine', 'ypMine', 'cityMine'], notSees: ['tyMine', 'outside'] },
  { user: 'dx-county', sees: ['dxMine', 'dxOther'], notSees: ['ypMine', 'cityMine', 'tyMine'] },
  { user: 'dx-mine', sees: ['dxMine'], notSees: ['dxOther', 'ypMine'] },
  { user: 'dx-mine-head', sees: ['dxMine'], notSees: ['dxOther', 'ypMine'] },
  { user: 'yp-mine', sees: ['ypMine'], notSees: ['dxMine'] },
  { user: 'grp-a', sees: ['dxMine', 'ypMine'], notSees: ['dxOther', 'tyMine'] },
];

describe.each(MATRIX)('$user', ({ user, sees, notSees }) => {
  it('reads in-scope mines and gets 404 for out-of-scope ones', async () => {
    const cookie = await ctx.login(user);
    for (const key of sees) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/mines/${ids[key]}`, headers: { cookie } });
      expect(res.statusCode, `${user} GET ${key}`).toBe(200);
    }
    for (const key of notSees) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/mines/${ids[key]}`, headers: { cookie } });
      expect(res.statusCode, `${user} GET ${key}`).toBe(404);
      const org = await ctx.app.inject({ method: 'GET', url: `/api/orgs/${ids[key]}`, headers: { cookie } });
      expect(org.statusCode, `${user} GET org ${key}`).toBe(404);
    }
  });

  it('lists exactly its scope', async () => {
    const cookie = await ctx.login(user);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/mines?limit=200', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const listed = new Set(res.json().items.map((m: { id: string }) => m.id));
    for (const key of sees) expect(listed.has(ids[key]), `${user} lists ${key}`).toBe(true);
    for (const key of notSees) expect(listed.has(ids[key]), `${user} lists ${key}`).toBe(false);
    const count = await ctx.app.inject({ method: 'GET', url: '/api/mines/count', headers: { cookie } });
    expect(count.json().total).toBe(listed.size);
  });

  it('reads the duties of in-scope mines and gets 404 for out-of-scope ones', async () => {
    const cookie = await ctx.login(user);
    for (const [keys, status] of [
      [sees, 200],
      [notSees, 404],
    ] as const) {
      for (const key of keys) {
        const ob = await ctx.db
          .selectFrom('obligations')
          .select('id')
          .where('org_id', '=', ids[key]!)
          .where('duty_key', '=', 't1-mine-monthly-review')
          .executeTakeFirst();
        if (!ob) {
          expect(key, 'only the mine outside the province owes nothing').toBe('outside');
          continue;
        }
        const res = await ctx.app.inject({ method: 'GET', url: `/api/duties/${ob.id}`, headers: { cookie } });
        expect(res.statusCode, `${user} GET duty of ${key}`).toBe(status);
      }
    }
  });

  it('cannot change or deactivate an out-of-scope mine (404, not 403)', async () => {
    const cookie = await ctx.login(user);
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();
    for (const key of notSees) {
      if (me.permissions.includes('mine.update')) {
        const res = await ctx.app.inject({
          method: 'PATCH',
          url: `/api/mines/${ids[key]}`,
          headers: { cookie },
          payload: { principalName: '越权修改' },
        });
        expect(res.statusCode, `${user} PATCH ${key}`).toBe(404);
      }
      if (me.permissions.includes('mine.deactivate')) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/api/mines/${ids[key]}/deactivate`,
          headers: { cookie },
        });
        expect(res.statusCode, `${user} deactivate ${key}`).toBe(404);
      }
    }
  });
});

describe('administrators (三员) read no business data', () => {
  it.each(['sx-admin', 'sx-sec', 'sx-audit'])('%s gets 403 on mines', async (user) => {
    const cookie = await ctx.login(user);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/mines', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    const one = await ctx.app.inject({ method: 'GET', url: `/api/mines/${ids.dxMine}`, headers: { cookie } });
    expect(one.statusCode).toBe(403);
  });

  it('only the auditor reads the audit log', async () => {
    for (const user of ['sx-admin', 'sx-sec', 'sx-officer', 'dx-county']) {
      const cookie = await ctx.login(user);
      const res = await ctx.app.inject({ method: 'GET', url: '/api/audit/events', headers: { cookie } });
      expect(res.statusCode, user).toBe(403);
    }
    const cookie = await ctx.login('sx-audit');
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/audit/events', headers: { cookie } })).statusCode,
    ).toBe(200);
  });
});

describe('denied access is audited', () => {
  it('records an out-of-scope read as access.denied', async () => {
    const cookie = await ctx.login('yp-mine');
    await ctx.app.inject({ method: 'GET', url: `/api/mines/${ids.dxMine}`, headers: { cookie } });
    const row = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'access.denied')
      .where('actor_username', '=', 'yp-mine')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(row?.changes).toContain(ids.dxMine);
  });
});
