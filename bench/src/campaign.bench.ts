import path from 'node:path';
import { buildApp } from '@tiegui/server';
import type { AppConfig } from '../../server/src/config';
import { systemClock } from '../../server/src/lib/clock';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { seedScale } from '../../server/src/seed/scale';
import { type Bench, type Figure, openBenchDb, percentile, round, tempDir, withPeakRss } from './lib';

type FastifyInstance = Awaited<ReturnType<typeof buildApp>>;

const NAME = 'campaign activation + board (province scale)';
const RUNS = 50;

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

async function timeGet(app: FastifyInstance, cookie: string, url: string) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    if (i >= 5) samples.push(performance.now() - t0);
  }
  return { p50: round(percentile(samples, 50), 1), p95: round(percentile(samples, 95), 1) };
}

/** Activation of the 2024 plan over the demo + 4,000-mine scale seed, then the board queries. */
export const campaignBench: Bench = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const { dir, remove } = tempDir('campaign');
    const file = path.join(dir, 'tiegui.sqlite');
    const { db, close } = await openBenchDb(file, dir);
    const config: AppConfig = {
      databaseUrl: file,
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
      await seedDemo(db, { campaign: 'draft' });
      await seedScale(db, { seed: 1 });
      app = await buildApp(config, db);
      await app.ready();
      const officer = await login(app, 'sx-officer');
      const campaign = (
        await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: officer } })
      ).json().items[0];
      const t0 = performance.now();
      const { result, peakRss } = await withPeakRss(async () =>
        app!.inject({
          method: 'POST',
          url: `/api/campaigns/${campaign.id}/activate`,
          headers: { cookie: officer },
        }),
      );
      const activationMs = performance.now() - t0;
      if (result.statusCode !== 200) throw new Error(`activate: ${result.statusCode} ${result.body}`);
      const obligations = result.json().obligations as number;
      const province = await timeGet(app, officer, `/api/campaigns/${campaign.id}/board`);
      const city = await timeGet(app, await login(app, 'xz-city'), `/api/campaigns/${campaign.id}/board`);
      const duties = await timeGet(app, await login(app, 'dx-mine'), '/api/duties');
      return [
        {
          bench: NAME,
          metric: 'activation wall time',
          value: round(activationMs / 1000, 2),
          unit: 's',
          note: `${obligations} obligations, SQLite file`,
        },
        {
          bench: NAME,
          metric: 'activation peak RSS',
          value: round(peakRss / 1048576, 0),
          unit: 'MB',
          note: 'whole process',
        },
        { bench: NAME, metric: 'province board p50', value: province.p50, unit: 'ms', note: `${RUNS} runs` },
        { bench: NAME, metric: 'province board p95', value: province.p95, unit: 'ms' },
        { bench: NAME, metric: 'city board p50', value: city.p50, unit: 'ms' },
        { bench: NAME, metric: 'city board p95', value: city.p95, unit: 'ms' },
        { bench: NAME, metric: 'my duties (mine) p50', value: duties.p50, unit: 'ms' },
        { bench: NAME, metric: 'my duties (mine) p95', value: duties.p95, unit: 'ms' },
      ];
    } finally {
      await app?.close();
      await close();
      remove();
    }
  },
};
