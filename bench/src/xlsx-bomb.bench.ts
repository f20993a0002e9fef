import fs from 'node:fs';
import path from 'node:path';
import { bombXml, handmadeXlsx, sheetXml } from '../../server/src/lib/excel/zip.fixtures';
import { type Bench, type Figure, percentile, round, tempDir } from './lib';
import { login, startServer } from './server-process';

const NAME = 'xlsx bombs (a real server, as npm start runs it)';
/** The file of the report: 3.5 million identical rows, 409 MB of sheet XML. */
const ISSUE_BYTES = 409 * 1024 * 1024;

/** Posts a file to an import route; resolves with its status and how long the answer took. */
async function upload(base: string, url: string, cookie: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), '台账.xlsx');
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { cookie }, body: form });
  await res.text();
  return { status: res.status, ms: performance.now() - t0 };
}

/** /api/health asked every 20 ms while `work` runs (a user's click, not a flood): its latencies. */
async function healthDuring(base: string, work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  const samples: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.text());
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

/** Peak and current resident set of a process, in MB (Linux). */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { peak: round(kb('VmHWM') / 1024), now: round(kb('VmRSS') / 1024) };
}

export const xlsxBombBench: Bench = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const { dir, remove } = tempDir('xlsx');
    const { child, base, stop } = await startServer(path.join(dir, 'data'));
    const figures: Figure[] = [];
    const add = (metric: string, value: number, unit: string, note?: string) =>
      figures.push({ bench: NAME, metric, value: round(value), unit, ...(note ? { note } : {}) });
    try {
      const routes = [
        { url: '/api/mines/import', cookie: await login(base, 'dx-county') },
        { url: '/api/hazards/import', cookie: await login(base, 'dx-mine') },
      ];
      const issue = bombXml(ISSUE_BYTES);
      const wide = (row: number) => Array.from({ length: 25 }, (_, i) => `第${row}行第${i + 1}列`);
      const cases = [
        { name: 'bomb (409 MB declared)', zip: handmadeXlsx(issue) },
        { name: 'bomb lying about its size', zip: handmadeXlsx(issue, { claim: 1000 }) },
        {
          name: 'heaviest sheet within limits (20,000 rows × 25 cells)',
          zip: handmadeXlsx(sheetXml(Array.from({ length: 20_000 }, (_, i) => wide(i + 1)))),
        },
      ];
      if (child.pid) add('server RSS before the uploads', memoryOf(child.pid).now, 'MB');
      for (const c of cases) {
        add(`${c.name}: zipped`, c.zip.length / 1024, 'KB');
        const single = await upload(base, routes[1]!.url, routes[1]!.cookie, c.zip);
        add(`${c.name}: one upload answered`, single.ms, 'ms', `HTTP ${single.status}`);
        // Three at once on each import route, as the report's attack did.
        const all = Promise.all(
          routes.flatMap((r) => [1, 2, 3].map(() => upload(base, r.url, r.cookie, c.zip))),
        );
        const health = await healthDuring(base, all);
        const answers = await all;
        add(
          `${c.name}: 6 at once, slowest answer`,
          Math.max(...answers.map((a) => a.ms)),
          'ms',
          `HTTP ${[...new Set(answers.map((a) => a.status))].join(', ')}`,
        );
        add(`${c.name}: /api/health p50 meanwhile`, percentile(health, 50), 'ms', `${health.length} asked`);
        add(`${c.name}: /api/health max meanwhile`, Math.max(...health), 'ms');
      }
      if (child.pid) add('server peak RSS over the run (VmHWM)', memoryOf(child.pid).peak, 'MB');
      add('server still running', child.exitCode === null ? 1 : 0, 'yes=1');
      return figures;
    } finally {
      await stop();
      remove();
    }
  },
};
