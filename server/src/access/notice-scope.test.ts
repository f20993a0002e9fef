import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../modules/auth/auth.service';
import { buildMine, buildOrg } from '../seed/builders';
import { createTestContext, orgIdByName, type TestContext } from '../testing';
import type { OrgFilter } from './access';
import { jurisdictionOf, loadJurisdiction } from './jurisdiction';
import { type CascadeNotice, jurisdictionReach, readableNotices, rollupScope } from './notice-scope';

/**
 * The notice scope: which orgs an org's notices reach (its jurisdiction, and for a regulator the
 * groups owning mines in it), one named test per org kind; and which notices of a cascade an org reads.
 */
let ctx: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({ campaign: 'none' });
  const { db } = ctx;
  for (const [key, name] of Object.entries({
    department: '山西省应急管理厅',
    bureau: '国家矿山安全监察局山西局',
    division: '国家矿山安全监察局山西局忻州监察执法处',
    xinzhou: '忻州市应急管理局',
    taiyuan: '太原市应急管理局',
    daixian: '代县应急管理局',
    yuanping: '原平市应急管理局',
    groupA: '示例能源集团有限公司',
    dxMine: '代县示例东山煤矿',
    ypMine: '原平市示例东山煤矿',
    cityMine: '宁武县示例金鼎煤业',
  }))
    ids[key] = await orgIdByName(db, name);
  await db.transaction().execute(async (trx) => {
    // A group whose only mine lies outside Xinzhou: no regulator of Xinzhou reaches it.
    ids.groupTy = await buildOrg(trx, {
      parentId: ids.department!,
      kind: 'group',
      name: '太原测试集团',
      regionCode: '140000',
    });
    ids.tyMine = await buildMine(trx, {
      supervisorOrgId: ids.taiyuan!,
      regionCode: '140100',
      groupOrgId: ids.groupTy,
      name: '太原测试矿',
    });
    const other = await buildOrg(trx, { parentId: null, kind: 'province', regionCode: '130000' });
    const otherCity = await buildOrg(trx, { parentId: other, kind: 'city', regionCode: '130100' });
    ids.outside = await buildMine(trx, {
      supervisorOrgId: otherCity,
      regionCode: '130100',
      name: '外省测试矿',
    });
  });
});
afterAll(() => ctx.close());

/** The orgs (by key of `ids`) an org's notices reach. */
async function reached(orgKey: string): Promise<Set<string>> {
  return matching(await jurisdictionReach(ctx.db, await loadJurisdiction(ctx.db, ids[orgKey]!)));
}

/** The orgs (by key of `ids`) passing a filter. */
async function matching(filter: OrgFilter): Promise<Set<string>> {
  const rows = await ctx.db.selectFrom('orgs as o').select('o.id').where(filter).execute();
  const found = new Set(rows.map((r) => r.id));
  return new Set(Object.keys(ids).filter((key) => found.has(ids[key]!)));
}

function expectReach(got: Set<string>, reaches: string[], misses: string[]) {
  for (const key of reaches) expect(got.has(key), `reaches ${key}`).toBe(true);
  for (const key of misses) expect(got.has(key), `does not reach ${key}`).toBe(false);
}

describe('the orgs an org reaches with notices', () => {
  it('province: every org of its province and the other provincial orgs, none outside', async () => {
    expectReach(
      await reached('department'),
      ['department', 'bureau', 'division', 'xinzhou', 'taiyuan', 'daixian', 'groupA', 'groupTy', 'tyMine'],
      ['outside'],
    );
  });

  it('division: itself, the regions it covers and the groups owning mines there', async () => {
    expectReach(
      await reached('division'),
      ['division', 'xinzhou', 'daixian', 'dxMine', 'cityMine', 'groupA'],
      ['department', 'bureau', 'taiyuan', 'tyMine', 'groupTy', 'outside'],
    );
  });

  it('city: its subtree, its directly supervised mines and the groups owning mines in it', async () => {
    expectReach(
      await reached('xinzhou'),
      ['xinzhou', 'daixian', 'yuanping', 'dxMine', 'ypMine', 'cityMine', 'groupA'],
      ['department', 'division', 'taiyuan', 'tyMine', 'groupTy'],
    );
  });

  it('county: its subtree and the groups owning its mines, not its city or a neighbour', async () => {
    expectReach(
      await reached('daixian'),
      ['daixian', 'dxMine', 'groupA'],
      ['xinzhou', 'yuanping', 'ypMine', 'cityMine', 'groupTy'],
    );
  });

  it('group: itself and the mines it owns, not its regulators nor the mines of another group', async () => {
    expectReach(
      await reached('groupA'),
      ['groupA', 'dxMine', 'ypMine'],
      ['department', 'xinzhou', 'daixian', 'groupTy', 'tyMine'],
    );
  });

  it('mine: itself only', async () => {
    expectReach(await reached('dxMine'), ['dxMine'], ['daixian', 'ypMine', 'groupA']);
  });
});

describe('the orgs an actor sees in a roll-up', () => {
  it('its scope, widened by the orgs its own org addressed outside it', async () => {
    const token = (await ctx.login('xz-city')).replace('tiegui_sid=', '');
    const session = await resolveSession({ db: ctx.db, clock: ctx.clock }, token, null);
    if (!session) throw new Error('xz-city has no session');
    const { actor } = session;
    expectReach(
      await matching(rollupScope(actor, [])),
      ['xinzhou', 'daixian', 'dxMine'],
      ['groupA', 'groupTy'],
    );
    expectReach(
      await matching(rollupScope(actor, [ids.groupTy!])),
      ['xinzhou', 'groupTy'],
      ['groupA', 'taiyuan'],
    );
  });
});

describe('jurisdictionOf', () => {
  const row = { id: 'D', kind: 'division', path: '/B/D/', region_code: '140900' };

  it('a division carries the regions it covers', () => {
    expect(jurisdictionOf(row, ['1409', '1410'])).toEqual({
      orgId: 'D',
      orgKind: 'division',
      orgPath: '/B/D/',
      regionCode: '140900',
      coveredRegions: ['1409', '1410'],
    });
  });

  it('any other kind covers none', () => {
    expect(jurisdictionOf({ ...row, kind: 'city' }, ['1409']).coveredRegions).toEqual([]);
  });

  it('refuses a kind that is not an org kind', () => {
    expect(() => jurisdictionOf({ ...row, kind: 'team' }, [])).toThrow('unknown org kind team');
  });

  it('loads a division with its covered regions', async () => {
    expect((await loadJurisdiction(ctx.db, ids.division!)).coveredRegions).toEqual(['1409']);
  });
});

describe('the notices of a cascade an org reads', () => {
  // P issues 1 to C1 and C2 (jointly with Q); C1 forwards it as 2 to K1, K1 as 3 to M; C2 forwards it as 4.
  const cascade: CascadeNotice[] = [
    { id: '1', parent_notice_id: null, issuer_org_id: 'P', co_issuer_org_id: 'Q' },
    { id: '2', parent_notice_id: '1', issuer_org_id: 'C1', co_issuer_org_id: null },
    { id: '3', parent_notice_id: '2', issuer_org_id: 'K1', co_issuer_org_id: null },
    { id: '4', parent_notice_id: '1', issuer_org_id: 'C2', co_issuer_org_id: null },
  ];
  const none = new Set<string>();
  const read = (org: string, received: string[], supervised: string[] = []) =>
    [...readableNotices(org, cascade, new Set(received), new Set(supervised))].sort();

  it('the issuer and the co-issuer read what they issued', () => {
    expect(read('P', [])).toEqual(['1']);
    expect(read('Q', [])).toEqual(['1']);
  });

  it('a recipient reads what it received and every original it carries', () => {
    expect(read('M', ['3'])).toEqual(['1', '2', '3']);
  });

  it('an issuer of a forward reads it and its originals, not a sibling forward', () => {
    expect(read('C1', ['1'])).toEqual(['1', '2']);
  });

  it('a regulator reads the notices issued by the orgs it supervises', () => {
    expect(read('X', [], ['C2'])).toEqual(['4']);
  });

  it('an org neither issuing, receiving nor supervising reads nothing', () => {
    expect(readableNotices('Z', cascade, none, none).size).toBe(0);
  });
});
