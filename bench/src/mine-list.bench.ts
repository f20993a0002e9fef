import path from 'node:path';
import { buildApp } from '@tiegui/server';
import type { AppConfig } from '../../server/src/config';
import { systemClock } from '../../server/src/lib/clock';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { seedScale } from '../../server/src/seed/scale';
import { type Bench, type Figure, openBenchDb, percentile, round, tempDir } from './lib';

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>;

const NAME = 'GET /api/mines (sx-officer, province)';
const RUNS = 200;
const WARMUP = 20;
/** The deep page: this many pages of 50 in, walked with the keyset cursor. */
const DEEP_PAGE = 60;

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

async function get<T = Page>(app: FastifyInstance, cookie: string, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** Times one request RUNS times after a warm-up; returns p50 and p95 in milliseconds. */
async function timeRequest(
  app: FastifyInstance,
  cookie: string,
  url: string,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await get(app, cookie, url);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await get(app, cookie, url);
    samples.push(performance.now() - t0);
  }
  return { p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) };
}

export const mineListBench: Bench = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const { dir, remove } = tempDir('list');
    const { db, close } = await openBenchDb(path.join(dir, 'tiegui.sqlite'), dir);
    const config: AppConfig = {
      databaseUrl: path.join(dir, 'tiegui.sqlite'),
      dataDir: dir,
      webDist: null,
      clock: systemClock,
      secureCookies: false,
      logger: false,
      trustProxy: false,
      allowedOrigins: [],
    };
    let app: FastifyInstance | null = null;
    try {
      await seedDemo(db);
      await seedScale(db, { seed: 1 });
      app = await buildApp(config, db);
      await app.ready();
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'sx-officer', password: DEMO_PASSWORD },
      });
      const sid = login.cookies.find((c) => c.name === 'tiegui_sid');
      if (login.statusCode !== 200 || !sid)
        throw new Error(`login failed: ${login.statusCode} ${login.body}`);
      const cookie = `tiegui_sid=${sid.value}`;

      const firstUrl = '/api/mines?limit=50';
      const first = await get(app, cookie, firstUrl);
      const firstPage = await timeRequest(app, cookie, firstUrl);

      let cursor = first.nextCursor;
      for (let page = 2; page < DEEP_PAGE && cursor; page++) {
        cursor = (await get(app, cookie, `${firstUrl}&cursor=${encodeURIComponent(cursor)}`)).nextCursor;
      }
      if (!cursor) throw new Error(`fewer than ${DEEP_PAGE} pages of mines`);
      const deepPage = await timeRequest(app, cookie, `${firstUrl}&cursor=${encodeURIComponent(cursor)}`);

      const filteredUrl = '/api/mines?limit=50&regionCode=1409&category=coal';
      const filtered = await timeRequest(app, cookie, filteredUrl);

      const { total } = await get<{ total: number }>(app, cookie, '/api/mines/count');
      const count = await timeRequest(app, cookie, '/api/mines/count');
      const note = `${total} mines in scope, ${RUNS} runs, inject()`;
      return [
        { bench: NAME, metric: 'first page p50', value: firstPage.p50, unit: 'ms', note },
        { bench: NAME, metric: 'first page p95', value: firstPage.p95, unit: 'ms', note },
        { bench: NAME, metric: 'count p50', value: count.p50, unit: 'ms' },
        { bench: NAME, metric: 'count p95', value: count.p95, unit: 'ms' },
        { bench: NAME, metric: `page ${DEEP_PAGE} (cursor) p50`, value: deepPage.p50, unit: 'ms' },
        { bench: NAME, metric: `page ${DEEP_PAGE} (cursor) p95`, value: deepPage.p95, unit: 'ms' },
        { bench: NAME, metric: '忻州 coal filter p50', value: filtered.p50, unit: 'ms' },
        { bench: NAME, metric: '忻州 coal filter p95', value: filtered.p95, unit: 'ms' },
      ];
    } finally {
      await app?.close();
      await close();
      remove();
    }
  },
};
