import {
  type CombustionTendency,
  type GasGrade,
  type HydroType,
  type MineCategory,
  type MineStatus,
  type MineType,
  type OrgKind,
  type RockBurstLevel,
  SHANXI,
  SHANXI_CITIES,
  XINZHOU_COUNTIES,
} from '@tiegui/domain';
import type { Insertable } from 'kysely';
import { appendAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { AppError } from '../lib/errors';
import { newId, seededRandom, seedIds } from '../lib/ids';
import { insertJointIssuerPair } from '../modules/orgs/joint-issuer.service';
import { makeUscc } from './builders';
import { GIVEN, insertChunked, pick, type Random, SURNAMES, SYSTEM, weighted } from './generate';

/**
 * The `seed --scale province` data: about 4,000 invented mines over all 11 Shanxi cities, for
 * benchmarks and load trials. Everything here is generated bench data, not facts: only the city
 * codes and 忻州's counties are sourced (REFERENCE.md §9); the other cities' counties, every mine,
 * group, division name, share, capacity and coordinate below is made up and named 生成 or 示例.
 */

const BUREAU_NAME = '国家矿山安全监察局山西局';
const DEPARTMENT_NAME = '山西省应急管理厅';
/** Rows carry this fixed time so a seed number reproduces the same ids and rows every run. */
const DATA_TIME = new Date('2024-07-30T00:00:00.000Z');

/**
 * Invented per-city figures: relative number of mines, share of coal mines, and an approximate
 * centre (longitude, latitude) the generated coordinates scatter around.
 */
const CITY_PROFILES: Record<string, { weight: number; coal: number; lon: number; lat: number }> = {
  '140100': { weight: 7, coal: 0.55, lon: 112.5, lat: 37.9 },
  '140200': { weight: 10, coal: 0.65, lon: 113.3, lat: 40.1 },
  '140300': { weight: 6, coal: 0.8, lon: 113.6, lat: 37.9 },
  '140400': { weight: 11, coal: 0.7, lon: 113.1, lat: 36.2 },
  '140500': { weight: 10, coal: 0.75, lon: 112.8, lat: 35.5 },
  '140600': { weight: 8, coal: 0.7, lon: 112.4, lat: 39.3 },
  '140700': { weight: 9, coal: 0.6, lon: 112.8, lat: 37.7 },
  '140800': { weight: 9, coal: 0.15, lon: 111.0, lat: 35.0 },
  '140900': { weight: 10, coal: 0.5, lon: 112.7, lat: 38.4 },
  '141000': { weight: 10, coal: 0.6, lon: 111.5, lat: 36.1 },
  '141100': { weight: 10, coal: 0.65, lon: 111.1, lat: 37.5 },
};

const WORDS = '东山 西岭 南沟 北坡 青峰 石岭 红崖 白云 金鼎 龙泉 马家 后沟 圪垛 王庄 寺坪 柳林'.split(' ');
/** Invented groups: four own coal mines, two metal/non-metal mines. */
const GROUPS = [
  ...['甲', '乙', '丙', '丁'].map((n) => `示例生成${n}能源集团有限公司`),
  '示例生成戊矿业集团有限公司',
  '示例生成己建材集团有限公司',
];
const COAL_GROUPS = [0, 1, 2, 3];
const NON_COAL_GROUPS = [4, 5];

interface County {
  code: string;
  name: string;
  cityCode: string;
}

interface OrgRef {
  id: string;
  path: string;
}

/**
 * 忻州's sourced counties; for the other cities 5–12 generated ones, named 生成县NN and coded city
 * prefix + 21, 22, … These codes are bench data: they may equal real codes of other counties.
 */
function countiesOf(random: Random): County[] {
  const counties: County[] = [];
  for (const city of SHANXI_CITIES) {
    if (city.code === '140900') {
      for (const c of XINZHOU_COUNTIES) counties.push({ ...c, cityCode: city.code });
      continue;
    }
    const n = 5 + Math.floor(random() * 8);
    for (let i = 1; i <= n; i++) {
      const no = String(i).padStart(2, '0');
      counties.push({
        code: `${city.code.slice(0, 4)}${20 + i}`,
        name: `${city.name}生成县${no}`,
        cityCode: city.code,
      });
    }
  }
  return counties;
}

/** Splits a total over the cities by weight (largest remainder), so the counts add up exactly. */
function minesPerCity(total: number): Map<string, number> {
  const sum = SHANXI_CITIES.reduce((s, c) => s + (CITY_PROFILES[c.code]?.weight ?? 1), 0);
  const shares = SHANXI_CITIES.map((c) => {
    const exact = (total * (CITY_PROFILES[c.code]?.weight ?? 1)) / sum;
    return { code: c.code, n: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((s, c) => s + c.n, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (left-- <= 0) break;
    share.n++;
  }
  return new Map(shares.map((s) => [s.code, s.n]));
}

interface MineKind {
  category: MineCategory;
  mineType: MineType;
  suffixes: readonly string[];
}
const COAL_UNDERGROUND: MineKind = {
  category: 'coal',
  mineType: 'underground',
  suffixes: ['煤矿', '煤业', '煤矿'],
};
const COAL_OPEN_PIT: MineKind = { category: 'coal', mineType: 'open_pit', suffixes: ['露天煤矿'] };
const NON_COAL: readonly (readonly [MineKind, number])[] = [
  [
    {
      category: 'metal_nonmetal',
      mineType: 'underground',
      suffixes: ['铁矿', '铝土矿', '铜矿', '金矿', '石膏矿'],
    },
    35,
  ],
  [
    { category: 'metal_nonmetal', mineType: 'open_pit', suffixes: ['石料厂', '铁矿', '石灰岩矿', '砂石矿'] },
    45,
  ],
  [{ category: 'metal_nonmetal', mineType: 'tailings_pond', suffixes: ['尾矿库'] }, 20],
];

const STATUSES: readonly (readonly [MineStatus, number])[] = [
  ['producing', 76],
  ['construction', 9],
  ['suspended_rectification', 6],
  ['long_term_suspended', 6],
  ['closed', 3],
];
const GAS: readonly (readonly [GasGrade, number])[] = [
  ['low', 70],
  ['high', 22],
  ['outburst', 8],
];
const HYDRO_UNDERGROUND: readonly (readonly [HydroType, number])[] = [
  ['simple', 25],
  ['medium', 50],
  ['complex', 20],
  ['extreme', 5],
];
const HYDRO_OPEN_PIT: readonly (readonly [HydroType, number])[] = [
  ['simple', 60],
  ['medium', 35],
  ['complex', 5],
];
const ROCK_BURST: readonly (readonly [RockBurstLevel, number])[] = [
  ['none', 85],
  ['weak', 10],
  ['medium', 4],
  ['strong', 1],
];
const COMBUSTION: readonly (readonly [CombustionTendency, number])[] = [
  ['class1', 20],
  ['class2', 40],
  ['class3', 40],
];
/** 设计生产能力, 万吨/年 (tailings ponds: 万立方米 of storage), plausible steps only. */
const CAPACITY = {
  coal_underground: [45, 60, 90, 120, 150, 180, 240, 300, 400, 500, 800, 1000, 1500],
  coal_open_pit: [100, 200, 300, 500, 1000, 2000],
  metal_nonmetal_underground: [3, 5, 10, 20, 30, 50, 100],
  metal_nonmetal_open_pit: [5, 10, 20, 50, 100, 200],
  metal_nonmetal_tailings_pond: [10, 50, 100, 300, 1000],
} as const;

/**
 * Writes the province-scale bench data. Works on an empty database (creates 山西局, 省应急厅, the
 * cities, counties, divisions and groups) and on one that already holds the demo data (reuses
 * orgs by region code and adds only what is missing). Deterministic for a seed number.
 * Returns the mines written and the other orgs (bureaus, divisions, groups) it had to create.
 */
export async function seedScale(
  db: Db,
  options: { seed: number; mines?: number },
): Promise<{ mines: number; orgs: number }> {
  const total = options.mines ?? 4000;
  const seed = options.seed;
  if (!Number.isSafeInteger(seed)) throw new AppError('VALIDATION', '种子（--seed）须为整数');
  if (!Number.isInteger(total) || total < 1 || total > 99_999) {
    throw new AppError('VALIDATION', '矿山数量须为1至99999之间的整数');
  }
  // Attributes and ids draw from separate streams, so reusing existing orgs does not change the mines.
  const random = seededRandom(seed);
  const restoreIds = seedIds(seededRandom(seed ^ 0x5eed), DATA_TIME.getTime());
  const at = DATA_TIME.toISOString();
  const counties = countiesOf(random);
  // USCC serials per seed stay apart from the demo's (≤ 10^6) and from other seeds' ranges.
  const usccBase = 10_000_000 + ((seed >>> 0) % 100_000) * 100_000;
  try {
    return await db.transaction().execute(async (trx) => {
      const orgRows: Insertable<Database['orgs']>[] = [];
      const divisionRows: Insertable<Database['division_regions']>[] = [];
      const org = (parent: OrgRef | null, kind: OrgKind, name: string, regionCode: string | null): OrgRef => {
        const id = newId();
        const path = `${parent?.path ?? '/'}${id}/`;
        orgRows.push({
          id,
          parent_id: parent?.id ?? null,
          path,
          kind,
          name,
          short_name: null,
          region_code: regionCode,
          active: 1,
          created_at: at,
          updated_at: at,
        });
        return { id, path };
      };

      const existing = await trx
        .selectFrom('orgs')
        .select(['id', 'path', 'kind', 'name', 'region_code'])
        .where('kind', 'in', ['province', 'city', 'county', 'group'])
        .orderBy('path')
        .execute();
      const find = (kind: OrgKind, test: (r: (typeof existing)[number]) => boolean): OrgRef | null =>
        existing.find((r) => r.kind === kind && test(r)) ?? null;

      const existingBureau = find('province', (r) => r.name === BUREAU_NAME);
      const existingDepartment = find('province', (r) => r.name === DEPARTMENT_NAME);
      const bureau = existingBureau ?? org(null, 'province', BUREAU_NAME, SHANXI.code);
      const department = existingDepartment ?? org(null, 'province', DEPARTMENT_NAME, SHANXI.code);

      const cities = new Map<string, OrgRef>();
      for (const city of SHANXI_CITIES) {
        cities.set(
          city.code,
          find('city', (r) => r.region_code === city.code) ??
            org(department, 'city', `${city.name}应急管理局`, city.code),
        );
      }
      const countyOrgs = new Map<string, OrgRef>();
      for (const county of counties) {
        countyOrgs.set(
          county.code,
          find('county', (r) => r.region_code === county.code) ??
            org(cities.get(county.cityCode)!, 'county', `${county.name}应急管理局`, county.code),
        );
      }

      // A division per city, unless one already covers the city (the demo's 忻州监察执法处 does).
      const covered = await trx
        .selectFrom('division_regions')
        .select(['division_id', 'region_prefix'])
        .execute();
      const divisions = new Map<string, string>();
      for (const city of SHANXI_CITIES) {
        const prefix = city.code.slice(0, 4);
        const match = covered.find((c) => c.region_prefix === prefix);
        if (match) {
          divisions.set(city.code, match.division_id);
          continue;
        }
        const division = org(
          bureau,
          'division',
          `${BUREAU_NAME}${city.name.replace(/市$/, '')}监察执法处`,
          city.code,
        );
        divisionRows.push({ division_id: division.id, region_prefix: prefix });
        divisions.set(city.code, division.id);
      }

      const groups = GROUPS.map(
        (name) => find('group', (r) => r.name === name)?.id ?? org(department, 'group', name, SHANXI.code).id,
      );
      const createdOrgs = orgRows.length;

      const mineRows: Insertable<Database['mines']>[] = [];
      const perCity = minesPerCity(total);
      let serial = 0;
      for (const city of SHANXI_CITIES) {
        const profile = CITY_PROFILES[city.code]!;
        const own = counties.filter((c) => c.cityCode === city.code);
        for (let i = 0; i < (perCity.get(city.code) ?? 0); i++) {
          serial++;
          const county = pick(random, own);
          const coal = random() < profile.coal;
          const kind = coal
            ? random() < 0.9
              ? COAL_UNDERGROUND
              : COAL_OPEN_PIT
            : weighted(random, NON_COAL);
          const underground = kind.mineType === 'underground';
          const word = pick(random, WORDS);
          // 市级监管矿山企业: about one in twelve is supervised by the city bureau directly.
          const supervisor = random() < 0.08 ? cities.get(city.code)! : countyOrgs.get(county.code)!;
          const groupId = coal
            ? random() < 0.4
              ? groups[pick(random, COAL_GROUPS)]!
              : null
            : random() < 0.15
              ? groups[pick(random, NON_COAL_GROUPS)]!
              : null;
          const mine = org(
            supervisor,
            'mine',
            `${county.name}${word}${pick(random, kind.suffixes)}（生成${String(serial).padStart(4, '0')}）`,
            county.code,
          );
          mineRows.push({
            org_id: mine.id,
            uscc: makeUscc(county.code, usccBase + serial),
            category: kind.category,
            mine_type: kind.mineType,
            status: weighted(random, STATUSES),
            design_capacity: pick(
              random,
              CAPACITY[`${kind.category}_${kind.mineType}` as keyof typeof CAPACITY],
            ),
            gas_grade: coal ? (underground ? weighted(random, GAS) : 'low') : null,
            hydro_type:
              kind.mineType === 'tailings_pond'
                ? null
                : weighted(random, underground ? HYDRO_UNDERGROUND : HYDRO_OPEN_PIT),
            rock_burst: coal && underground ? weighted(random, ROCK_BURST) : null,
            combustion_tendency: coal ? weighted(random, COMBUSTION) : null,
            principal_name: `${pick(random, SURNAMES)}${pick(random, GIVEN)}`,
            principal_phone: `1${pick(random, ['35', '39', '52', '58', '83'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
            director_is_chairman: random() < 0.25 ? 1 : 0,
            division_org_id: divisions.get(city.code)!,
            group_org_id: groupId,
            address: `山西省${county.name.startsWith(city.name) ? '' : city.name}${county.name}生成乡${word}村`,
            longitude: Math.round((profile.lon + (random() - 0.5) * 0.9) * 1e5) / 1e5,
            latitude: Math.round((profile.lat + (random() - 0.5) * 0.7) * 1e5) / 1e5,
          });
        }
      }

      const first = mineRows[0];
      if (
        first &&
        (await trx.selectFrom('mines').select('org_id').where('uscc', '=', first.uscc).executeTakeFirst())
      ) {
        throw new AppError('CONFLICT', `种子${seed}的全省规模数据已经写入过，请换一个 --seed 或使用空库`);
      }
      // orgRows is in creation order, so every parent precedes its children.
      await insertChunked(trx, 'orgs', orgRows);
      // Two orgs created here issue jointly, as the demo's do; existing ones keep what they have.
      if (!existingBureau || !existingDepartment)
        await insertJointIssuerPair(trx, bureau.id, department.id, null, DATA_TIME);
      await insertChunked(trx, 'division_regions', divisionRows);
      await insertChunked(trx, 'mines', mineRows);
      await appendAudit(
        trx,
        SYSTEM,
        { action: 'system.seeded', changes: { kind: 'scale', seed, mines: mineRows.length } },
        new Date(),
      );
      return { mines: mineRows.length, orgs: createdOrgs };
    });
  } finally {
    restoreIds();
  }
}
