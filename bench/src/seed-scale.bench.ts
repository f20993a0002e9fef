import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seedScale } from '../../server/src/seed/scale';
import { type Bench, type Figure, openBenchDb, ROOT, round, tempDir, withPeakRss } from './lib';

const NAME = 'seed --scale province';
const TIME = '/usr/bin/time';

/** Runs the CLI under `/usr/bin/time -v` on a data folder; wall time and peak RSS from its report. */
function timeCli(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TIEGUI_DATA_DIR: dataDir, TIEGUI_LOG: '0' };
  delete env.TIEGUI_DATABASE_URL;
  const child = spawnSync(TIME, ['-v', process.execPath, '--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (child.status !== 0)
    throw new Error(`${args.join(' ')} failed (${child.status}):\n${child.stdout}\n${child.stderr}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    child.stderr,
  );
  return {
    stdout: child.stdout,
    peakMb: Number.isFinite(kb) ? round(kb / 1024) : null,
    wallSeconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null,
  };
}

/**
 * The CLI in a child process under `/usr/bin/time -v`: the honest peak memory of the whole run,
 * startup (tsx compiling the server) included.
 */
function runCli(): Figure[] {
  if (!fs.existsSync(TIME)) {
    return [
      {
        bench: NAME,
        metric: 'CLI peak RSS',
        value: null,
        unit: 'MB',
        note: `${TIME} not installed (apt-get install time)`,
      },
    ];
  }
  const { dir, remove } = tempDir('seed');
  try {
    const baseline = timeCli(dir, ['migrate']);
    const seed = timeCli(dir, ['seed', '--scale', 'province']);
    const own = /用时([\d.]+)秒/.exec(seed.stdout)?.[1];
    const size = fs.statSync(path.join(dir, 'tiegui.sqlite')).size;
    return [
      { bench: NAME, metric: 'CLI wall time (with startup)', value: seed.wallSeconds, unit: 's' },
      { bench: NAME, metric: 'seedScale time (CLI report)', value: own ? Number(own) : null, unit: 's' },
      { bench: NAME, metric: 'CLI peak RSS', value: seed.peakMb, unit: 'MB', note: 'time -v' },
      {
        bench: NAME,
        metric: 'CLI peak RSS, migrate only',
        value: baseline.peakMb,
        unit: 'MB',
        note: 'baseline',
      },
      {
        bench: NAME,
        metric: 'SQLite file size',
        value: round(size / 1048576),
        unit: 'MB',
        note: 'before checkpoint',
      },
    ];
  } finally {
    remove();
  }
}

/** seedScale alone, in this process, on a fresh SQLite file: the time without startup. */
async function runInProcess(): Promise<Figure[]> {
  const { dir, remove } = tempDir('seed-inproc');
  const { db, close } = await openBenchDb(path.join(dir, 'tiegui.sqlite'), dir);
  try {
    const t0 = performance.now();
    const { result, peakRss } = await withPeakRss(() => seedScale(db, { seed: 1 }));
    const seconds = (performance.now() - t0) / 1000;
    return [
      {
        bench: NAME,
        metric: `seedScale wall time (${result.mines} mines)`,
        value: round(seconds, 2),
        unit: 's',
        note: 'in-process',
      },
      {
        bench: NAME,
        metric: 'process peak RSS',
        value: round(peakRss / 1048576),
        unit: 'MB',
        note: 'in-process, sampled every 50 ms',
      },
    ];
  } finally {
    await close();
    remove();
  }
}

export const seedScaleBench: Bench = {
  name: NAME,
  async run() {
    return [...(await runInProcess()), ...runCli()];
  },
};
