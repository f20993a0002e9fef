import { createDb } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { seedDemo } from '../../server/src/seed/demo';
import { type Bench, type Figure, percentile, round } from './lib';

const NAME = 'seed --demo';
const RUNS = 5;

/**
 * The demo seed on a fresh in-memory SQLite database, as every test file that seeds it pays:
 * the median and the slowest of a few runs, and the median CPU time (migrations not counted).
 */
export const seedDemoBench: Bench = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const db = createDb(':memory:');
      try {
        await migrateToLatest(db);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        await seedDemo(db);
        samples.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      } finally {
        await db.destroy();
      }
    }
    return [
      {
        bench: NAME,
        metric: 'median',
        value: round(percentile(samples, 50)),
        unit: 'ms',
        note: `${RUNS} runs, SQLite in memory`,
      },
      { bench: NAME, metric: 'max', value: round(Math.max(...samples)), unit: 'ms' },
      // CPU time moves less than wall time on a machine others are using.
      { bench: NAME, metric: 'median CPU', value: round(percentile(cpu, 50)), unit: 'ms' },
    ];
  },
};
