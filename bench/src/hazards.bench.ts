import fs from 'node:fs';
import path from 'node:path';
import { type HazardAction, type HazardCreate, ZHazardCreate } from '@tiegui/domain';
import { buildApp } from '@tiegui/server';
import { sql } from 'kysely';
import { type PgCluster, startPgCluster } from '../../scripts/pg-cluster.mjs';
import type { Actor } from '../../server/src/access/actor';
import type { AppConfig } from '../../server/src/config';
import type { Db } from '../../server/src/db/database';
import { newId } from '../../server/src/lib/ids';
import { registerHazard } from '../../server/src/modules/hazards/hazard.service';
import { executeTransition } from '../../server/src/modules/hazards/hazard.workflow';
import { insertUser } from '../../server/src/modules/users/user.service';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { seedHazardsScale } from '../../server/src/seed/hazards-scale';
import { seedScale } from '../../server/src/seed/scale';
import { type Bench, type Figure, openBenchDb, percentile, round, tempDir } from './lib';

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>;

/** 2 million by default; TIEGUI_BENCH_HAZARDS=50000 for a quick look. */
const COUNT = Number(process.env.TIEGUI_BENCH_HAZARDS ?? 2_000_000);
/** The generated hazards are seen as of their last day; the app's clock stands there too. */
const NOW = new Date('2025-12-31T06:00:00.000Z');
const LIST_RUNS = 200;
const DASHBOARD_RUNS = 30;
const WARMUP = 10;
const MAX_SECONDS = 20;
/** The deep page: this many pages of 50 in, walked with the keyset cursor. */
const DEEP_PAGE = 100;
/** Hazards walked register → startRectification → reportProgress → declareRectified → closeGeneral. */
const LOOP_HAZARDS = 400;
const LOOP_MINES = 40;
/** Loops run at once for the concurrent figure (each at its own mines). */
const CONCURRENT = Number(process.env.TIEGUI_BENCH_CONCURRENT ?? 16);
const PROGRESS_REPORTS = 1000;
/** A tuned server rather than the 128 MB default; fsync stays off as in test:pg (see the note). */
/** Tells this run's bench users from an earlier run's in a reused database. */
const RUN_TAG = Date.now().toString(36);
const PG_SETTINGS = ["shared_buffers = '1GB'", "max_wal_size = '4GB'", "work_mem = '16MB'"];

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

async function get<T>(app: FastifyInstance, cookie: string, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.json<T>();
}

/**
 * Times one request `runs` times after a warm-up, or as many as fit in MAX_SECONDS (at least 5):
 * a slow plan must not hold the run for an hour. p50, p95 in milliseconds and the runs taken.
 */
async function timeRequest(app: FastifyInstance, cookie: string, url: string, runs: number) {
  const start = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - start < 2000; i++) await get(app, cookie, url);
  const samples: number[] = [];
  const begin = performance.now();
  while (samples.length < runs && (samples.length < 5 || performance.now() - begin < MAX_SECONDS * 1000)) {
    const t0 = performance.now();
    await get(app, cookie, url);
    samples.push(performance.now() - t0);
  }
  return {
    p50: round(percentile(samples, 50), 1),
    p95: round(percentile(samples, 95), 1),
    runs: samples.length,
  };
}

async function login(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  const sid = res.cookies.find((c) => c.name === 'tiegui_sid');
  if (res.statusCode !== 200 || !sid) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `tiegui_sid=${sid.value}`;
}

/**
 * The URL of page `n` of 50 (or of the last page, if fewer) by walking the cursor from the first
 * page in steps of 200 rows, the API's largest page: the cursor is the last row's key whatever
 * the step, and a slow plan then costs a quarter of the requests.
 */
async function deepUrl(app: FastifyInstance, cookie: string, n: number) {
  const url = (limit: number, cursor: string | null) =>
    `/api/hazards?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  let rows = 0;
  let cursor: string | null = null;
  const target = (n - 1) * 50;
  do {
    const step = Math.min(200, target - rows);
    const page: Page = await get<Page>(app, cookie, url(step, cursor));
    if (!page.nextCursor) break;
    rows += step;
    cursor = page.nextCursor;
  } while (rows < target);
  return { url: url(50, cursor), page: Math.floor(rows / 50) + 1 };
}

/** The scoped list and the dashboard through the HTTP layer (inject), as the web app asks for them. */
async function readFigures(db: Db, dir: string, url: string, bench: string): Promise<Figure[]> {
  const config: AppConfig = {
    databaseUrl: url,
    dataDir: dir,
    webDist: null,
    clock: { now: () => new Date(NOW) },
    secureCookies: false,
    logger: false,
    trustProxy: false,
    allowedOrigins: [],
  };
  const app = await buildApp(config, db);
  try {
    await app.ready();
    const province = await login(app, 'sx-officer');
    const county = await login(app, 'dx-county');
    const city = await login(app, 'xz-city');
    const list = '/api/hazards?limit=50';
    const figures: Figure[] = [];
    const add = (metric: string, r: { p50: number; p95: number; runs: number }, note?: string) => {
      figures.push({
        bench,
        metric: `${metric} p50`,
        value: r.p50,
        unit: 'ms',
        note: `${r.runs} runs${note ? `, ${note}` : ''}`,
      });
      figures.push({ bench, metric: `${metric} p95`, value: r.p95, unit: 'ms' });
    };
    const group = await login(app, 'grp-a');
    for (const [who, cookie] of [
      ['province', province],
      ['county', county],
    ] as const) {
      add(`list first page (${who})`, await timeRequest(app, cookie, list, LIST_RUNS), 'inject()');
      const deep = await deepUrl(app, cookie, DEEP_PAGE);
      add(`list page ${deep.page} by cursor (${who})`, await timeRequest(app, cookie, deep.url, LIST_RUNS));
    }
    add('list first page (group)', await timeRequest(app, group, list, LIST_RUNS));
    // The filters a regulator reaches for; a county's rows are under 1% of the province's.
    for (const [what, filter] of [
      ['open majors', 'level=major&open=true'],
      ['overdue', 'overdue=true'],
      ['supervised', 'supervised=true'],
      ['one state', 'state=resume_applied'],
      ['majors', 'level=major'],
      ['from tips', 'source=tip'],
    ] as const) {
      for (const [who, cookie] of [
        ['province', province],
        ['county', county],
      ] as const) {
        add(`list ${what} (${who})`, await timeRequest(app, cookie, `${list}&${filter}`, LIST_RUNS), filter);
      }
    }
    // The count the web asks beside the first page (capped at HAZARD_COUNT_CAP).
    for (const [who, cookie, filter] of [
      ['province', province, ''],
      ['city 忻州', city, ''],
      ['county', county, ''],
      ['group', group, ''],
      ['province, open majors', province, 'level=major&open=true'],
      ['county, overdue', county, 'overdue=true'],
      ['county, from tips', county, 'source=tip'],
      ['province, from tips', province, 'source=tip'],
    ] as const) {
      add(`count (${who})`, await timeRequest(app, cookie, `/api/hazards/count?${filter}`, LIST_RUNS));
    }
    // Words of the generated texts, by how many of 2 million hazards contain them.
    for (const [what, word] of [
      ['rare word', '防治水机构'], // ~300: one situation of the coal standard
      ['commoner word', '设计'], // ~12,000
      ['common word', '电缆'], // ~120,000: one of the general texts
      ['one character', '水'], // ~310,000
    ] as const) {
      const url = `${list}&q=${encodeURIComponent(word)}`;
      add(`search ${what} (province)`, await timeRequest(app, province, url, LIST_RUNS), `q=${word}`);
      if (what === 'rare word' || what === 'common word') {
        add(`search ${what} (county)`, await timeRequest(app, county, url, LIST_RUNS));
        add(
          `count of search ${what} (province)`,
          await timeRequest(app, province, `/api/hazards/count?q=${encodeURIComponent(word)}`, LIST_RUNS),
        );
      }
    }
    add(
      'dashboard (province)',
      await timeRequest(app, province, '/api/hazards/dashboard', DASHBOARD_RUNS),
      '12 months window',
    );
    add('dashboard (city 忻州)', await timeRequest(app, city, '/api/hazards/dashboard', DASHBOARD_RUNS));
    return figures;
  } finally {
    await app.close();
  }
}

/** A signed-in mine safety officer at each of the first `n` producing scale mines, with one uploaded file. */
async function mineActors(db: Db, n: number) {
  const mines = await db
    .selectFrom('mines as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.path', 'o.region_code'])
    .where('m.status', '=', 'producing')
    .where('o.name', 'like', '%（生成%')
    .orderBy('o.id')
    .limit(n)
    .execute();
  const actors: { actor: Actor; file: { id: string; name: string } }[] = [];
  for (const [i, m] of mines.entries()) {
    const username = `bench-mine-${RUN_TAG}-${i}`;
    const userId = await insertUser(
      db,
      {
        username,
        displayName: '压测安全员',
        orgId: m.id,
        roles: ['mine_safety_officer'],
        passwordHash: 'not-a-hash',
        mustChangePassword: false,
      },
      NOW,
    );
    const file = { id: newId(), name: '整改报告.pdf' };
    await db
      .insertInto('files')
      .values({
        ...file,
        sha256: 'b'.repeat(64),
        mime: 'application/pdf',
        size: 10,
        owner_org_id: m.id,
        uploaded_by: userId,
        created_at: NOW.toISOString(),
      })
      .execute();
    actors.push({
      actor: {
        userId,
        username,
        roles: ['mine_safety_officer'],
        orgId: m.id,
        orgKind: 'mine',
        orgPath: m.path,
        regionCode: m.region_code,
        coveredRegions: [],
        ip: null,
      },
      file,
    });
  }
  return actors;
}

/**
 * Transitions through the service functions the routes call (scope, state, evidence, update,
 * history row, hash-chained audit, notifications, and the detail read-back), one after another.
 */
async function transitionFigures(db: Db, bench: string): Promise<Figure[]> {
  const deps = { db, clock: { now: () => new Date(NOW) } };
  const actors = await mineActors(db, LOOP_MINES);
  const input: HazardCreate = ZHazardCreate.parse({
    level: 'general',
    description: '压测：主运输巷电缆吊挂不规范',
    location: '井下主运输巷',
    foundOn: '2025-12-30',
    foundBy: '压测员',
    source: 'self_check',
    // The loop registers the same hazard again on purpose: each is a record, not a likely duplicate.
    confirmDuplicate: true,
  });
  const steps = (file: { id: string; name: string }): [HazardAction, unknown][] => [
    [
      'startRectification',
      { responsiblePerson: '机电队长', measures: '重新吊挂电缆', timeLimit: '2026-01-15' },
    ],
    ['reportProgress', { progress: '已完成一半' }],
    ['declareRectified', { summary: '整改完成', files: [file] }],
    ['closeGeneral', { verificationNote: '复查合格' }],
  ];

  const loop: number[] = [];
  const registrations: number[] = [];
  /** One hazard through its loop at the i-th mine: registered, then each step timed. */
  const oneHazard = async (i: number, into: number[]) => {
    const { actor, file } = actors[i % actors.length]!;
    let t0 = performance.now();
    const { id } = await registerHazard(deps, actor, input);
    registrations.push(performance.now() - t0);
    for (const [action, evidence] of steps(file)) {
      t0 = performance.now();
      await executeTransition(deps, actor, id, action, evidence);
      into.push(performance.now() - t0);
    }
  };
  for (let i = 0; i < LOOP_HAZARDS; i++) await oneHazard(i, loop);

  // Many users at once, as a server sees them: CONCURRENT loops, each at its own mines, over the
  // same pool; transitions per second of wall time (the audit chain's lock is their one queue).
  const concurrent: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, w) => {
      for (let i = w; i < LOOP_HAZARDS; i += CONCURRENT) await oneHazard(i, concurrent);
    }),
  );
  const concurrentSeconds = (performance.now() - started) / 1000;

  // Repeated progress reports on generated open hazards of the same mines (listed ones notify).
  const byMine = new Map(actors.map((a) => [a.actor.orgId, a.actor]));
  const open = await db
    .selectFrom('hazards')
    .select(['id', 'mine_id'])
    .where('mine_id', 'in', [...byMine.keys()])
    .where('state', 'in', ['planned', 'rectifying'])
    .orderBy('id')
    .limit(PROGRESS_REPORTS)
    .execute();
  const reports: number[] = [];
  for (const h of open) {
    const t0 = performance.now();
    await executeTransition(deps, byMine.get(h.mine_id)!, h.id, 'reportProgress', { progress: '按计划推进' });
    reports.push(performance.now() - t0);
  }

  const perSecond = (samples: number[]) =>
    round(samples.length / (samples.reduce((s, x) => s + x, 0) / 1000), 0);
  const note = `${LOOP_HAZARDS} hazards at ${actors.length} mines, sequential`;
  return [
    { bench, metric: 'transitions/s (loop, with history + audit)', value: perSecond(loop), unit: '/s', note },
    { bench, metric: 'transition p50 (loop)', value: round(percentile(loop, 50), 2), unit: 'ms' },
    { bench, metric: 'transition p95 (loop)', value: round(percentile(loop, 95), 2), unit: 'ms' },
    {
      bench,
      metric: `transitions/s (${CONCURRENT} at once)`,
      value: round(concurrent.length / concurrentSeconds, 0),
      unit: '/s',
      note: `wall time, registrations included; p95 ${round(percentile(concurrent, 95), 1)} ms`,
    },
    { bench, metric: 'registrations/s', value: perSecond(registrations), unit: '/s' },
    {
      bench,
      metric: 'transitions/s (progress reports)',
      value: reports.length ? perSecond(reports) : null,
      unit: '/s',
      note: `${reports.length} generated open hazards, one report each`,
    },
  ];
}

/** Demo accounts + the 4,000-mine scale seed + COUNT hazards, then the figures. */
async function runOn(dialect: 'SQLite' | 'PostgreSQL', url: string, dir: string): Promise<Figure[]> {
  const bench = `hazards ×${COUNT.toLocaleString('en')} · ${dialect}`;
  const { db, close } = await openBenchDb(url, dir);
  try {
    const figures: Figure[] = [];
    const existing = await db
      .selectFrom('hazards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) >= COUNT) {
      console.error(`  ${dialect}: reusing ${Number(existing.n)} hazards in ${url}`);
    } else {
      await seedDemo(db);
      await seedScale(db, { seed: 1 });
      const t0 = performance.now();
      const seeded = await seedHazardsScale(db, { seed: 1, count: COUNT });
      const seconds = (performance.now() - t0) / 1000;
      console.error(`  ${dialect}: ${COUNT} hazards generated in ${seconds.toFixed(1)} s`);
      figures.push(
        {
          bench,
          metric: 'hazard generation',
          value: round(seconds, 1),
          unit: 's',
          note: `${seeded.open} open, ${seeded.major} major, ${seeded.supervisions} listed`,
        },
        { bench, metric: 'hazard generation rate', value: round(COUNT / seconds, 0), unit: 'rows/s' },
      );
    }
    // PostgreSQL's autovacuum would vacuum and analyze the fresh table soon (statistics for the
    // plans, the visibility map for index-only scans); do it now, as a running system would have.
    if (dialect === 'PostgreSQL') await sql`vacuum analyze`.execute(db);
    figures.push(...(await readFigures(db, dir, url, bench)));
    figures.push(...(await transitionFigures(db, bench)));
    if (dialect === 'SQLite') {
      const size = await sql<{
        n: number;
      }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(db);
      figures.push({
        bench,
        metric: 'database size',
        value: round(Number(size.rows[0]?.n ?? 0) / 1048576, 0),
        unit: 'MB',
      });
    } else {
      const size = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(db);
      figures.push({
        bench,
        metric: 'database size',
        value: round(Number(size.rows[0]?.n ?? 0) / 1048576, 0),
        unit: 'MB',
        note: `fsync off; ${PG_SETTINGS.join(', ')}`,
      });
    }
    return figures;
  } finally {
    await close();
  }
}

/** Runs fn; on Ctrl-C or a kill too, cleanup runs so no server or gigabytes of data stay behind. */
async function withCleanup<T>(cleanup: () => void, fn: () => Promise<T>): Promise<T> {
  const stop = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    cleanup();
  }
}

/**
 * TIEGUI_BENCH_SQLITE_DIR keeps the SQLite data in that folder and reuses it on the next run
 * (generating 2 million hazards takes minutes; the figures after it take seconds). The runs
 * add their transition hazards to it.
 */
const KEEP_DIR = process.env.TIEGUI_BENCH_SQLITE_DIR;

function onSqlite(): Promise<Figure[]> {
  if (KEEP_DIR) {
    fs.mkdirSync(KEEP_DIR, { recursive: true });
    return runOn('SQLite', path.join(KEEP_DIR, 'tiegui.sqlite'), KEEP_DIR);
  }
  const { dir, remove } = tempDir('hazards');
  return withCleanup(remove, () => runOn('SQLite', path.join(dir, 'tiegui.sqlite'), dir));
}

/** TIEGUI_BENCH_PG_URL runs on that database instead of a throwaway cluster, reusing its hazards. */
const PG_URL = process.env.TIEGUI_BENCH_PG_URL;

async function onPostgres(): Promise<Figure[]> {
  const { dir, remove } = tempDir('hazards-pg');
  if (PG_URL) return withCleanup(remove, () => runOn('PostgreSQL', PG_URL, dir));
  let cluster: PgCluster | null = null;
  return withCleanup(
    () => {
      cluster?.destroy();
      remove();
    },
    async () => {
      try {
        cluster = await startPgCluster({ log: (m) => console.error(`  [pg] ${m}`), settings: PG_SETTINGS });
      } catch (error) {
        // No PostgreSQL here: say so in the figures instead of losing the SQLite ones.
        const note = String(error).slice(0, 200);
        return [{ bench: 'hazards · PostgreSQL', metric: 'skipped', value: null, unit: '', note }];
      }
      return runOn('PostgreSQL', cluster.url, dir);
    },
  );
}

/** TIEGUI_BENCH_DB=sqlite or postgres runs one of the two. */
const ONLY = process.env.TIEGUI_BENCH_DB?.toLowerCase();

export const hazardsBench: Bench = {
  name: 'hazards list, dashboard and transitions (2M)',
  async run() {
    return [
      ...(ONLY === 'postgres' ? [] : await onSqlite()),
      ...(ONLY === 'sqlite' ? [] : await onPostgres()),
    ];
  },
};
