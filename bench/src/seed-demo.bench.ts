import { createDb } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { seedDemo } from '../../server/src/seed/demo';
import { type Bench, type Figure, percentile, round } from './lib';

const NAME = 'seed --demo';
const RUNS = 5;

/**
 * The demo seed on a fresh in-memory SQLite database, as every test file that seeds it pays:
 * the median and the slowest of a few runs (migrations not counted).
 */
export const seedDemoBench: Bench = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const db = createDb(':memory:');
      try {
        await migrateToLatest(db);
        const t0 = performance.now();
        await seedDemo(db);
        samples.push(performance.now() - t0);
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
    ];
  },
};
