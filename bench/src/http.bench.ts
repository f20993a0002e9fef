import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { seedDemo } from '../../server/src/seed/demo';
import { seedHazardsScale } from '../../server/src/seed/hazards-scale';
import { seedScale } from '../../server/src/seed/scale';
import { BENCH_AUDIT_ENV, type Bench, type Figure, openBenchDb, round, tempDir } from './lib';
import { login, type ServerProcess, startProcess, startServer } from './server-process';

const CONNECTIONS = 50;

/** `--smoke`: tiny data, a second per target: the bench still runs, its figures mean nothing. */
const smoke = () => process.env.TIEGUI_BENCH_SMOKE === '1';
/** Seconds per target and route: 15, or `--duration N`. */
const duration = () => Number(process.env.TIEGUI_BENCH_DURATION ?? (smoke() ? 1 : 15));

/** A kept data folder (TIEGUI_BENCH_HTTP_DIR) skips generating 200,000 hazards on the next run. */
const KEEP_DIR = process.env.TIEGUI_BENCH_HTTP_DIR;

interface Target {
  what: string;
  account: string;
  url: string;
  /** The bare route beside a list; `?limit=` is set to the real answer's row count. */
  bare: string | null;
}

const TARGETS = (campaignId: string): Target[] => [
  { what: 'mine list', account: 'sx-officer', url: '/api/mines?limit=50', bare: '/mines' },
  { what: 'mine list', account: 'dx-county', url: '/api/mines?limit=50', bare: '/mines' },
  // The count the mine list page asks beside its first page; no bare route counts with a scope.
  { what: 'mine count', account: 'sx-officer', url: '/api/mines/count', bare: null },
  { what: 'hazard list', account: 'sx-officer', url: '/api/hazards?limit=50', bare: '/hazards' },
  { what: 'hazard list', account: 'dx-county', url: '/api/hazards?limit=50', bare: '/hazards' },
  { what: 'hazard list', account: 'grp-a', url: '/api/hazards?limit=50', bare: '/hazards' },
  { what: 'obligations', account: 'dx-county', url: '/api/obligations', bare: '/obligations' },
  { what: 'notices inbox', account: 'dx-county', url: '/api/notices?box=inbox', bare: '/notices' },
  { what: 'dashboard', account: 'sx-officer', url: '/api/hazards/dashboard', bare: null },
  { what: 'board', account: 'sx-officer', url: `/api/campaigns/${campaignId}/board`, bare: null },
];

/**
 * TIEGUI_BENCH_HTTP_TARGETS: only the targets whose "what (account)" contains one of these
 * comma-separated words, e.g. `hazard list (grp-a),mine list (dx-county)` or `obligations`.
 */
const chosen = (t: Target) => {
  const words = process.env.TIEGUI_BENCH_HTTP_TARGETS?.split(',').filter(Boolean) ?? [];
  return words.length === 0 || words.some((w) => `${t.what} (${t.account})`.includes(w));
};

/** The data: demo accounts, the scale mines and hazards (4,000 and 200,000; a few in smoke mode). */
async function prepare(dir: string, url: string): Promise<void> {
  const { db, close } = await openBenchDb(url, dir);
  try {
    const n = await db
      .selectFrom('hazards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const hazards = smoke() ? 500 : 200_000;
    if (Number(n.n) >= hazards) return;
    await seedDemo(db);
    await seedScale(db, { seed: 1, ...(smoke() ? { mines: 40 } : {}) });
    await seedHazardsScale(db, { seed: 1, count: hazards });
  } finally {
    await close();
  }
}

/**
 * autocannon against one URL; refuses an answer other than 2xx (a broken route is no figure).
 * Requests unanswered within autocannon's 10 s are counted, not refused: they are the finding.
 */
async function load(base: string, url: string, cookie: string | null) {
  const loadBefore = os.loadavg()[0] ?? 0;
  const r = await autocannon({
    url: `${base}${url}`,
    connections: smoke() ? 5 : CONNECTIONS,
    duration: duration(),
    headers: cookie ? { cookie } : {},
  });
  if (r.non2xx > 0 || r.errors > r.timeouts)
    throw new Error(`${url}: ${r.non2xx} answers other than 2xx, ${r.errors} errors`);
  const { p50, p99 } = r.latency;
  return { rps: round(r.requests.average, 0), p50, p99, timeouts: r.timeouts, loadBefore };
}

async function itemsOf(base: string, url: string, cookie: string): Promise<number | null> {
  const res = await fetch(`${base}${url}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const body: unknown = await res.json();
  const items = body && typeof body === 'object' && 'items' in body ? body.items : null;
  return Array.isArray(items) ? items.length : null;
}

function printLoadTable(rows: string[][]): void {
  const header = ['target', 'account', 'req/s', 'p50 ms', 'p99 ms', 'bare req/s', 'ratio', 'load'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${CONNECTIONS} connections, ${duration()} s each, ${os.cpus().length} cores`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

export const httpBench: Bench = {
  name: 'http lists under load (autocannon)',
  async run(): Promise<Figure[]> {
    const temp = KEEP_DIR ? null : tempDir('http');
    const dir = KEEP_DIR ?? temp!.dir;
    fs.mkdirSync(dir, { recursive: true });
    const dbUrl = path.join(dir, 'tiegui.sqlite');
    const servers: ServerProcess[] = [];
    try {
      await prepare(dir, dbUrl);
      const env = { ...BENCH_AUDIT_ENV, TIEGUI_DATABASE_URL: dbUrl };
      const app = await startServer(dir, env);
      servers.push(app);
      const bare = await startProcess(['bench/src/http-bare.ts'], env, '/health');
      servers.push(bare);
      const cookies = new Map<string, string>();
      for (const account of ['sx-officer', 'dx-county', 'grp-a'])
        cookies.set(account, await login(app.base, account));
      const campaigns = await fetch(`${app.base}/api/campaigns`, {
        headers: { cookie: cookies.get('sx-officer')! },
      });
      const campaignId = ((await campaigns.json()) as { items: { id: string }[] }).items[0]?.id;
      if (!campaignId) throw new Error('no campaign in the demo data');

      const figures: Figure[] = [];
      const table: string[][] = [];
      for (const t of TARGETS(campaignId).filter(chosen)) {
        const cookie = cookies.get(t.account)!;
        const rows = await itemsOf(app.base, t.url, cookie);
        const real = await load(app.base, t.url, cookie);
        // An aggregate (dashboard, board) has no bare route: no plain query answers the same.
        const stack =
          t.bare === null
            ? null
            : await load(bare.base, rows === null ? t.bare : `${t.bare}?limit=${rows}`, null);
        const ratio = stack ? round(real.rps / stack.rps, 2) : null;
        const timeouts = real.timeouts ? `, ${real.timeouts} unanswered in 10 s` : '';
        const note = `${rows ?? 'aggregate'} rows, load ${round(real.loadBefore, 2)}${timeouts}`;
        const bench = `${t.what} (${t.account})`;
        figures.push(
          { bench, metric: 'req/s', value: real.rps, unit: '/s', note },
          { bench, metric: 'p50', value: real.p50, unit: 'ms' },
          { bench, metric: 'p99', value: real.p99, unit: 'ms' },
          {
            bench,
            metric: 'bare req/s',
            value: stack?.rps ?? null,
            unit: '/s',
            note: stack ? `p99 ${stack.p99} ms` : '',
          },
          { bench, metric: 'ratio to bare', value: ratio, unit: '×' },
        );
        const cells = [real.rps, real.p50, real.p99].map(String);
        table.push([t.what, t.account, ...cells, String(stack?.rps ?? '—'), ratio?.toFixed(2) ?? '—']);
        table.at(-1)?.push(round(real.loadBefore, 2).toFixed(2));
      }
      printLoadTable(table);
      return figures;
    } finally {
      for (const s of servers) await s.stop();
      temp?.remove();
    }
  },
};
