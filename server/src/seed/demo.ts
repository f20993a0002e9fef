import { type MineCategory, type MineType, type Role, SHANXI_CITIES, XINZHOU_COUNTIES } from '@tiegui/domain';
import { appendAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { seededRandom, seedIds } from '../lib/ids';
import { hashPassword } from '../modules/auth/password';
import type { FileStore } from '../modules/files/file.store';
import { ensureShippedStandards } from '../modules/hazard-catalog/hazard-catalog.service';
import { insertJointIssuerPair } from '../modules/orgs/joint-issuer.service';
import { buildMine, buildOrg, buildUser, makeUscc } from './builders';
import { seedDemoAccountChanges } from './demo-accounts';
import { seedDemoCampaign } from './demo-campaign';
import { seedDemoHazards } from './demo-hazards';
import { seedDemoInvestigations } from './demo-investigations';
import { seedDemoLately } from './demo-lately';
import { markDemoRecords } from './demo-records';
import { seedDemoStaff } from './demo-staff';

export const DEMO_PASSWORD = 'Tiegui@2024';

export interface DemoAccount {
  username: string;
  displayName: string;
  description: string;
}

/** The demo accounts, in the order the README and the start banner list them. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'sx-admin',
    displayName: '系统管理员',
    description: '系统管理员（管理用户和组织机构，不看业务数据）',
  },
  {
    username: 'sx-sec',
    displayName: '安全管理员',
    description: '安全管理员（审批账号变更、解锁账号、签发激活码）',
  },
  {
    username: 'sx-audit',
    displayName: '审计管理员',
    description: '审计管理员（只读审计日志，审批涉及安全管理员的账号变更）',
  },
  { username: 'sx-officer', displayName: '王省级', description: '山西省应急管理厅 监管人员（全省）' },
  { username: 'xz-division', displayName: '李执法', description: '忻州监察执法处 监管人员（忻州全市）' },
  { username: 'xz-city', displayName: '赵市局', description: '忻州市应急管理局 监管人员' },
  { username: 'dx-county', displayName: '刘县局', description: '代县应急管理局 监管人员' },
  { username: 'dx-mine', displayName: '孙安全', description: '代县示例东山煤矿 安全管理人员' },
  { username: 'dx-mine-head', displayName: '周矿长', description: '代县示例东山煤矿 矿长' },
  { username: 'yp-mine', displayName: '吴安全', description: '原平市示例东山煤矿 安全管理人员' },
  { username: 'grp-a', displayName: '郑集团', description: '示例能源集团有限公司 安全管理人员' },
];

const WORDS = ['东山', '西岭', '南沟', '北坡', '青峰', '石岭', '红崖', '白云', '金鼎', '龙泉'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '郭',
  '何',
];
const GIVEN = [
  '建国',
  '志强',
  '永红',
  '海军',
  '晓东',
  '振华',
  '国庆',
  '文斌',
  '卫东',
  '春生',
  '玉成',
  '宏伟',
];

interface MineKind {
  category: MineCategory;
  mineType: MineType;
  suffix: string;
}
const KINDS: MineKind[] = [
  { category: 'coal', mineType: 'underground', suffix: '煤矿' },
  { category: 'coal', mineType: 'underground', suffix: '煤业' },
  { category: 'metal_nonmetal', mineType: 'underground', suffix: '铁矿' },
  { category: 'coal', mineType: 'open_pit', suffix: '露天煤矿' },
  { category: 'metal_nonmetal', mineType: 'open_pit', suffix: '石料厂' },
  { category: 'metal_nonmetal', mineType: 'tailings_pond', suffix: '尾矿库' },
];

/** Has the database been seeded (any org at all)? */
export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The demo data: 山西局 and 省应急厅, Shanxi's 11 cities, 忻州's 14 counties, 忻州监察执法处,
 * two enterprise groups, about 60 invented mines (all named 示例), the demo accounts and a staff
 * user for every other mine, bureau and group; the campaign, notices, hazards and monthly
 * investigations done by those users through the commands users run; `clock` gives the day of the
 * first start, from which a demo started after 2024 dates what it did lately (`seedDemoLately`).
 * Deterministic: the same ids and values every time for the same day.
 */
export async function seedDemo(
  db: Db,
  options: { campaign?: 'active' | 'draft' | 'none'; store?: FileStore; clock?: Clock } = {},
): Promise<{ mines: number; users: number }> {
  const random = seededRandom(20240729);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = new Date('2024-07-29T00:00:00.000Z');
  const restoreIds = seedIds(random, now.getTime());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ensureShippedStandards(db, now);
  try {
    const result = await db.transaction().execute(async (trx) => {
      const org = (input: Parameters<typeof buildOrg>[1]) => buildOrg(trx, input, now);
      const bureau = await org({
        parentId: null,
        kind: 'province',
        name: '国家矿山安全监察局山西局',
        regionCode: '140000',
      });
      const department = await org({
        parentId: null,
        kind: 'province',
        name: '山西省应急管理厅',
        regionCode: '140000',
      });
      const division = await org({
        parentId: bureau,
        kind: 'division',
        name: '国家矿山安全监察局山西局忻州监察执法处',
        regionCode: '140900',
        coveredRegions: ['1409'],
      });
      const cities = new Map<string, string>();
      for (const city of SHANXI_CITIES) {
        cities.set(
          city.code,
          await org({
            parentId: department,
            kind: 'city',
            name: `${city.name}应急管理局`,
            regionCode: city.code,
          }),
        );
      }
      const xinzhou = cities.get('140900')!;
      const counties = new Map<string, string>();
      for (const county of XINZHOU_COUNTIES) {
        counties.set(
          county.code,
          await org({
            parentId: xinzhou,
            kind: 'county',
            name: `${county.name}应急管理局`,
            regionCode: county.code,
          }),
        );
      }
      const groupA = await org({
        parentId: department,
        kind: 'group',
        name: '示例能源集团有限公司',
        regionCode: '140000',
      });
      const groupB = await org({
        parentId: department,
        kind: 'group',
        name: '示例矿业集团有限公司',
        regionCode: '140000',
      });

      let serial = 0;
      const mine = async (
        countyCode: string,
        countyName: string,
        supervisorOrgId: string,
        kindIndex: number,
        word: string,
      ) => {
        serial++;
        const kind = KINDS[kindIndex % KINDS.length]!;
        const group = serial % 3 === 0 ? groupA : serial % 5 === 0 ? groupB : null;
        return buildMine(
          trx,
          {
            name: `${countyName}示例${word}${kind.suffix}`,
            uscc: makeUscc(countyCode, 1000 + serial * 7919),
            category: kind.category,
            mineType: kind.mineType,
            status:
              serial % 11 === 0
                ? 'suspended_rectification'
                : serial % 13 === 0
                  ? 'construction'
                  : 'producing',
            designCapacity:
              kind.category === 'coal'
                ? pick([45, 60, 90, 120, 150, 240, 300, 500])
                : pick([5, 10, 20, 30, 50]),
            gasGrade: kind.category === 'coal' ? pick(['low', 'low', 'low', 'high'] as const) : null,
            hydroType:
              kind.mineType === 'tailings_pond'
                ? null
                : pick(['simple', 'medium', 'medium', 'complex'] as const),
            rockBurst:
              kind.category === 'coal' && kind.mineType === 'underground'
                ? pick(['none', 'none', 'weak'] as const)
                : null,
            combustionTendency:
              kind.category === 'coal' ? pick(['class1', 'class2', 'class3'] as const) : null,
            principalName: `${pick(SURNAMES)}${pick(GIVEN)}`,
            principalPhone: `139${String(10000000 + serial * 104729).slice(-8)}`,
            directorIsChairman: serial % 4 === 0,
            supervisorOrgId,
            regionCode: countyCode,
            divisionOrgId: division,
            groupOrgId: group,
            address: `山西省忻州市${countyName}示例乡${word}村`,
            longitude: Math.round((111.6 + random() * 1.8) * 1e5) / 1e5,
            latitude: Math.round((38.3 + random() * 1.1) * 1e5) / 1e5,
          },
          now,
        );
      };

      // The demo accounts' own mines come first so their names are stable.
      const daixian = counties.get('140923')!;
      const yuanping = counties.get('140981')!;
      const dxMine = await mine('140923', '代县', daixian, 0, '东山');
      const ypMine = await mine('140981', '原平市', yuanping, 0, '东山');
      let count = 2;
      for (const county of XINZHOU_COUNTIES) {
        const extra = county.code === '140923' || county.code === '140981' ? 3 : 4;
        for (let i = 1; i <= extra; i++) {
          await mine(
            county.code,
            county.name,
            counties.get(county.code)!,
            i + county.code.charCodeAt(5),
            WORDS[i]!,
          );
          count++;
        }
      }
      // 市级监管矿山企业: supervised by the city bureau directly.
      for (const [code, name] of [
        ['140925', '宁武县'],
        ['140930', '河曲县'],
        ['140931', '保德县'],
        ['140902', '忻府区'],
      ] as const) {
        await mine(code, name, xinzhou, 1, '金鼎');
        count++;
      }
      await trx
        .updateTable('mines')
        .set({ group_org_id: groupA })
        .where('org_id', 'in', [dxMine, ypMine])
        .execute();

      const users: { username: string; orgId: string; roles: Role[] }[] = [
        { username: 'sx-admin', orgId: department, roles: ['sys_admin'] },
        { username: 'sx-sec', orgId: department, roles: ['sec_admin'] },
        { username: 'sx-audit', orgId: department, roles: ['audit_admin'] },
        { username: 'sx-officer', orgId: department, roles: ['regulator_officer'] },
        { username: 'xz-division', orgId: division, roles: ['regulator_officer'] },
        { username: 'xz-city', orgId: xinzhou, roles: ['regulator_officer'] },
        { username: 'dx-county', orgId: daixian, roles: ['regulator_officer'] },
        { username: 'dx-mine', orgId: dxMine, roles: ['mine_safety_officer'] },
        { username: 'dx-mine-head', orgId: dxMine, roles: ['mine_principal'] },
        { username: 'yp-mine', orgId: ypMine, roles: ['mine_safety_officer'] },
        { username: 'grp-a', orgId: groupA, roles: ['group_officer'] },
      ];
      for (const u of users) {
        const account = DEMO_ACCOUNTS.find((a) => a.username === u.username)!;
        await buildUser(trx, { ...u, displayName: account.displayName, passwordHash }, now);
      }
      const staff = await seedDemoStaff(trx, passwordHash, now);
      // The campaign and 126号 are issued by these two together (after the rest: earlier ids stay as they were).
      await insertJointIssuerPair(trx, bureau, department, null, now);
      await appendAudit(
        trx,
        { userId: null, username: 'system', orgId: null, ip: null },
        { action: 'system.seeded', changes: { kind: 'demo', mines: count, users: users.length + staff } },
        now,
      );
      return { mines: count, users: users.length + staff };
    });
    const campaign = options.campaign ?? 'active';
    // The day of the first start: what the demo did lately is dated from it.
    const today = options.clock?.now() ?? now;
    if (campaign !== 'none') await seedDemoCampaign(db, { activate: campaign === 'active', now: today });
    await seedDemoHazards(db, { store: options.store });
    await seedDemoInvestigations(db);
    await seedDemoLately(db, today, { campaign: campaign === 'active', store: options.store });
    await seedDemoAccountChanges(db);
    await markDemoRecords(db);
    return result;
  } finally {
    restoreIds();
  }
}
