import {
  type CatalogCategory,
  endOfDayShanghai,
  type HazardSource,
  type HazardState,
  type MineCategory,
  type MineType,
  type ProductionStop,
  ROOT_CAUSE_CATEGORIES,
  STANDARD_KEY_OF,
} from '@tiegui/domain';
import type { Insertable } from 'kysely';
import { monotonicFactory } from 'ulid';
import { appendAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { indexHazardTexts, optimizeHazardSearch } from '../db/dialect';
import type { Database } from '../db/schema';
import { AppError } from '../lib/errors';
import { seededRandom } from '../lib/ids';
import { ensureShippedStandards, loadStandard } from '../modules/hazard-catalog/hazard-catalog.service';
import { GIVEN, insertChunked, pick, type Random, SURNAMES, SYSTEM, weighted } from './generate';

/**
 * The `seed --hazards N` bench data: N invented hazards over the mines already in the database
 * (the 4,000-mine scale seed), found from 2023-01-01 to 2025-12-31 and seen as of that last day.
 * Older hazards are mostly closed, recent ones still in the loop; about 2.5% are major, classified
 * with the shipped standards, a third of those listed for supervision, some flagged as recurrences.
 * Only the rows the list and the dashboard read are written (hazards, their search index entries
 * and supervisions): no history, no notifications, one audit event for the whole run. Deterministic
 * for a seed number.
 */

const FIRST_DAY = Date.UTC(2023, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2025, 11, 31) / 86_400_000;
/** Hazards per transaction: keeps SQLite's WAL and PostgreSQL's memory small on millions of rows. */
const BATCH = 20_000;
/**
 * Rows per INSERT: PostgreSQL loads a few hundred rows per statement about twice as fast as the
 * 1,300 its parameter limit allows (measured: 40,000 hazards in 5.2 s against 10.6 s); SQLite
 * does not care.
 */
const ROWS_PER_STATEMENT = 200;

const MAJOR_SHARE = 0.025;
/** Open forever (abandoned, disputed): the long overdue tail. */
const STUCK_SHARE = 0.003;
const SUPERVISED_SHARE = 0.35;

const UNITS = ['通风科', '机电科', '地测防治水科', '生产技术科', '安全科', '采煤队', '掘进队', '运输队'];
const GENERAL_TEXTS = [
  '电缆吊挂不规范，间距超过规定',
  '消防器材压力不足，未按期检查',
  '作业人员未按规定佩戴自救器',
  '巷道局部支护锚杆托盘松动',
  '皮带机保护装置试验记录不全',
  '局部通风机未挂牌管理',
  '设备防护罩缺失',
  '安全警示标志缺失或破损',
  '风门未实现闭锁',
  '排水泵备用泵未定期试运转',
  '瓦斯检查牌板填写不全',
  '临时用电线路私拉乱接',
  '边坡局部有浮石未及时清理',
  '尾矿库排洪设施有杂物堵塞',
  '特种作业人员证件过期',
  '应急演练记录不完整',
];
const LOCATIONS: Record<MineType, readonly string[]> = {
  underground: [
    '井下主运输巷',
    '井下3102回采工作面',
    '井下2201掘进工作面',
    '井下中央变电所',
    '井下主排水泵房',
    '井下回风大巷',
    '副斜井',
    '地面压风机房',
  ],
  open_pit: ['采场东帮边坡', '1250平台', '排土场', '破碎站', '运输道路', '爆破器材库'],
  tailings_pond: ['尾矿库坝体', '排洪井', '库区周边', '回水泵站', '坝肩'],
};
const MEASURES = ['立即停止作业，撤出人员，限期整改', '落实专人负责，按方案整改', '更换设备并加强巡查'];

const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const GENERAL_SOURCES: readonly (readonly [HazardSource, number])[] = [
  ['self_check', 70],
  ['monthly_investigation', 5],
  ['inspection', 20],
  ['tip', 2],
  ['other', 3],
];
const MAJOR_SOURCES: readonly (readonly [HazardSource, number])[] = [
  ['self_check', 40],
  ['monthly_investigation', 15],
  ['inspection', 40],
  ['tip', 5],
];
const STOPS: readonly (readonly [ProductionStop, number])[] = [
  ['none', 50],
  ['area', 20],
  ['mine', 30],
];
/** Relative number of hazards found per mine status. */
const ACTIVITY: Record<string, number> = {
  producing: 1,
  construction: 0.6,
  suspended_rectification: 0.4,
  long_term_suspended: 0.1,
  closed: 0.05,
};

interface MineRef {
  id: string;
  parentId: string | null;
  parentKind: string | null;
  divisionId: string | null;
  regionCode: string;
  status: string;
  category: MineCategory;
  mineType: MineType;
}

const dates = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
function dateOf(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dates.set(day, d);
  }
  return d;
}
/** An instant on a day, during Beijing working hours (00:30–09:30 UTC). */
const instantOf = (day: number, random: Random) =>
  new Date(day * 86_400_000 + (1800 + Math.floor(random() * 32_400)) * 1000).toISOString();

/** Where a hazard stands on the as-of day, given how far along it is (0 found, 1 closed). */
function openState(major: boolean, stop: ProductionStop, progress: number): HazardState {
  if (!major) return progress < 0.1 ? 'registered' : progress < 0.85 ? 'rectifying' : 'rectified';
  if (progress < 0.05) return 'registered';
  if (progress < 0.2) return 'planned';
  if (progress < 0.7) return 'rectifying';
  if (progress < 0.8) return 'rectified';
  if (stop === 'none' || progress < 0.88) return 'evaluated';
  return progress < 0.95 ? 'resume_applied' : 'resume_approved';
}

/**
 * Writes `count` hazards over the mines in the database, in chunked multi-row inserts, one
 * transaction per 20,000. Refuses a seed already written. Returns how many rows of each kind.
 */
export async function seedHazardsScale(
  db: Db,
  options: { seed: number; count: number },
): Promise<{ hazards: number; open: number; major: number; supervisions: number }> {
  const { seed, count } = options;
  if (!Number.isSafeInteger(seed)) throw new AppError('VALIDATION', '种子（--seed）须为整数');
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000)
    throw new AppError('VALIDATION', '隐患数量须为1至10000000之间的整数');

  const mines: MineRef[] = (
    await db
      .selectFrom('mines as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select([
        'o.id',
        'o.parent_id',
        'p.kind as parent_kind',
        'm.division_org_id',
        'o.region_code',
        'm.status',
        'm.category',
        'm.mine_type',
      ])
      .orderBy('o.id')
      .execute()
  ).map((m) => ({
    id: m.id,
    parentId: m.parent_id,
    parentKind: m.parent_kind,
    divisionId: m.division_org_id,
    regionCode: m.region_code ?? '',
    status: m.status,
    category: m.category as MineCategory,
    mineType: m.mine_type as MineType,
  }));
  if (mines.length === 0)
    throw new AppError('VALIDATION', '库中没有矿山，请先生成矿山数据（seed --scale province）');

  await ensureShippedStandards(db);
  const standards = new Map<
    MineCategory,
    { key: string; version: number; byType: Map<string, CatalogCategory[]> }
  >();
  for (const category of ['coal', 'metal_nonmetal'] as const) {
    const standard = await loadStandard(db, STANDARD_KEY_OF[category]);
    if (!standard) throw new Error(`hazard standard ${STANDARD_KEY_OF[category]} missing`);
    const byType = new Map<string, CatalogCategory[]>();
    for (const type of ['underground', 'open_pit', 'tailings_pond'] as const) {
      byType.set(
        type,
        standard.categories.filter((c) => !c.mineTypes || c.mineTypes.includes(type)),
      );
    }
    standards.set(category, { key: standard.key, version: standard.version, byType });
  }

  const random = seededRandom(seed ^ 0x4a2a);
  const ulid = monotonicFactory(seededRandom(seed ^ 0x1d5));
  // Mines drawn by activity: a cumulative table searched by bisection.
  const cumulative: number[] = [];
  let sum = 0;
  for (const m of mines) {
    sum += ACTIVITY[m.status] ?? 0.5;
    cumulative.push(sum);
  }
  const drawMine = (): MineRef => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) <= r) lo = mid + 1;
      else hi = mid;
    }
    return mines[lo]!;
  };
  const person = () => `${pick(random, SURNAMES)}${pick(random, GIVEN)}`;
  /** The last major hazard found at a mine while it kept producing, for the recurrence link. */
  const lastMajor = new Map<string, { id: string; day: number }>();
  const days = LAST_DAY - FIRST_DAY + 1;
  const totals = { hazards: 0, open: 0, major: 0, supervisions: 0 };

  let firstId: string | null = null;
  for (let start = 0; start < count; start += BATCH) {
    const hazards: Insertable<Database['hazards']>[] = [];
    const supervisions: Insertable<Database['hazard_supervisions']>[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const found = FIRST_DAY + Math.floor((i * days) / count);
      const mine = drawMine();
      const major = random() < MAJOR_SHARE;
      const createdAt = instantOf(found, random);
      const id = ulid(Date.parse(createdAt));
      firstId ??= id;
      const stop: ProductionStop = major ? weighted(random, STOPS) : 'none';
      const source = weighted(random, major ? MAJOR_SOURCES : GENERAL_SOURCES);
      const selfReported = source === 'self_check' || source === 'monthly_investigation';
      const standard = standards.get(mine.category)!;
      const category = major ? pick(random, standard.byType.get(mine.mineType) ?? []) : undefined;
      const item = category && category.items.length > 0 ? pick(random, category.items) : undefined;

      const limitDays = major ? between(random, 30, 120) : between(random, 3, 30);
      // Most close within their time limit; some run over, a few never close.
      const closeDays =
        random() < STUCK_SHARE
          ? Number.POSITIVE_INFINITY
          : Math.max(
              1,
              Math.round(limitDays * (random() < 0.08 ? 1 + random() * 1.5 : 0.3 + random() * 0.7)),
            );
      const closedDay = found + closeDays;
      const closed = closedDay <= LAST_DAY;
      const progress = closed ? 1 : Math.min(0.99, (LAST_DAY - found) / Math.min(closeDays, 365));
      const state: HazardState = closed ? 'closed' : openState(major, stop, progress);
      const planned = state !== 'registered';
      const timeLimit = planned ? dateOf(found + limitDays) : null;
      const lastStep = closed ? closedDay : Math.min(LAST_DAY, found + Math.floor(progress * closeDays));
      const closedAt = closed ? instantOf(closedDay, random) : null;
      const extension = !closed && (state === 'planned' || state === 'rectifying') && random() < 0.03;

      let recurrenceOf: string | null = null;
      if (major && stop === 'none') {
        const previous = lastMajor.get(mine.id);
        if (previous && found - previous.day <= 91) recurrenceOf = previous.id;
        lastMajor.set(mine.id, { id, day: found });
      }
      const finderOrg = selfReported
        ? mine.id
        : source === 'inspection' && mine.divisionId && random() < 0.3
          ? mine.divisionId
          : (mine.parentId ?? mine.id);

      hazards.push({
        id,
        mine_id: mine.id,
        region_code: mine.regionCode,
        level: major ? 'major' : 'general',
        catalog_key: category ? standard.key : null,
        catalog_version: category ? standard.version : null,
        category_code: category?.code ?? null,
        item_code: item?.code ?? null,
        description: (item?.text ?? category?.title ?? pick(random, GENERAL_TEXTS)).slice(0, 2000),
        location: pick(random, LOCATIONS[mine.mineType]),
        found_on: dateOf(found),
        found_by: person(),
        found_by_org_id: finderOrg,
        source,
        source_ref:
          source === 'inspection'
            ? `晋安监执〔${dateOf(found).slice(0, 4)}〕${between(random, 1, 999)}号`
            : null,
        self_reported: selfReported ? 1 : 0,
        photos: '[]',
        files: '[]',
        production_stop: stop,
        stopped_area: stop === 'area' ? pick(random, LOCATIONS[mine.mineType]) : null,
        immediate_measures: major ? pick(random, MEASURES) : null,
        mine_status_before: stop === 'mine' ? 'producing' : null,
        state,
        responsible_unit: planned ? pick(random, UNITS) : null,
        responsible_person: planned ? person() : null,
        measures: planned ? pick(random, MEASURES) : null,
        funds_fen: planned ? between(random, 5, major ? 5000 : 200) * 10_000 : null,
        time_limit: timeLimit,
        due_at: timeLimit ? endOfDayShanghai(timeLimit).toISOString() : null,
        contingency_plan: major && planned ? '按专项应急预案执行' : null,
        treatment_plan:
          major && planned
            ? JSON.stringify({
                goal: '消除重大事故隐患',
                methods: pick(random, MEASURES),
                organisation: '矿长任组长，总工程师任副组长',
                safetyMeasures: '设置警戒，专人监护',
                planFiles: [],
              })
            : null,
        extension_until: extension && timeLimit ? dateOf(found + limitDays + 30) : null,
        extension_reason: extension ? '设备到货延迟' : null,
        extension_requested_at: extension
          ? instantOf(Math.min(LAST_DAY, found + limitDays - 2), random)
          : null,
        closed_at: closedAt,
        closed_on: closed ? dateOf(closedDay) : null,
        days_to_close: closed ? closeDays : null,
        root_cause_category:
          closed && (major || random() < 0.3) ? pick(random, Object.keys(ROOT_CAUSE_CATEGORIES)) : null,
        root_cause: closed && major ? '管理制度执行不到位，隐患排查不彻底' : null,
        closure: closed ? JSON.stringify({ verificationNote: '现场核查合格' }) : null,
        recurrence_of: recurrenceOf,
        created_by: null,
        created_at: createdAt,
        updated_at: closedAt ?? (lastStep > found ? instantOf(lastStep, random) : createdAt),
      });

      totals.hazards++;
      if (!closed) totals.open++;
      if (major) totals.major++;
      if (major && mine.parentId && random() < SUPERVISED_SHARE) {
        const listedDay = Math.min(LAST_DAY, found + between(random, 1, 10));
        supervisions.push({
          id: ulid(Date.parse(createdAt)),
          hazard_id: id,
          org_id: mine.parentId,
          level: mine.parentKind === 'city' ? 'city' : 'county',
          deadline: timeLimit ?? dateOf(found + limitDays),
          report_cadence: pick(random, ['weekly', 'semimonthly', 'monthly']),
          note: null,
          listed_at: instantOf(listedDay, random),
          listed_by: null,
          last_report_at: lastStep > listedDay ? instantOf(lastStep, random) : null,
          last_notified_on: null,
          removed_at: closed ? instantOf(Math.min(LAST_DAY, closedDay + 1), random) : null,
          removed_by: null,
        });
        totals.supervisions++;
      }
    }
    if (start === 0 && firstId) {
      const taken = await db.selectFrom('hazards').select('id').where('id', '=', firstId).executeTakeFirst();
      if (taken) throw new AppError('CONFLICT', `种子${seed}的隐患数据已经写入过，请换一个 --seed`);
    }
    await db.transaction().execute(async (trx) => {
      await insertChunked(trx, 'hazards', hazards, ROWS_PER_STATEMENT);
      await indexHazardTexts(trx as never, hazards);
      await insertChunked(trx, 'hazard_supervisions', supervisions, ROWS_PER_STATEMENT);
    });
  }
  await optimizeHazardSearch(db as never);
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        SYSTEM,
        { action: 'system.seeded', changes: { kind: 'hazards', seed, ...totals } },
        new Date(),
      ),
    );
  return totals;
}
