/**
 * `npm run bench`: runs every benchmark, prints its figures as a table and writes them to
 * bench/results/latest.json. Figures only — a benchmark never passes or fails.
 * Arguments filter benches by name (`npm run bench -- mines`); a filtered run writes no file.
 * `--duration N` shortens each load of the http bench to N seconds; `--smoke` runs it on a few
 * mines for a second per target (to see it still runs, not to read its figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { campaignBench } from './campaign.bench';
import { hazardsBench } from './hazards.bench';
import { httpBench } from './http.bench';
import { type Bench, type Figure, ROOT } from './lib';
import { mineListBench } from './mine-list.bench';
import { seedDemoBench } from './seed-demo.bench';
import { seedScaleBench } from './seed-scale.bench';
import { xlsxBombBench } from './xlsx-bomb.bench';

const BENCHES: Bench[] = [
  seedDemoBench,
  seedScaleBench,
  mineListBench,
  campaignBench,
  hazardsBench,
  xlsxBombBench,
  httpBench,
];

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.bench,
    f.metric,
    f.value === null ? '—' : String(f.value),
    f.unit,
    f.note ?? '',
  ]);
  const header = ['bench', 'metric', 'value', 'unit', 'note'];
  // Chinese characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(c));
        return i === 2 ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const durationAt = args.indexOf('--duration');
  if (durationAt >= 0) {
    process.env.TIEGUI_BENCH_DURATION = String(Number(args[durationAt + 1]) || 15);
    args.splice(durationAt, 2);
  }
  const smokeAt = args.indexOf('--smoke');
  if (smokeAt >= 0) {
    process.env.TIEGUI_BENCH_SMOKE = '1';
    args.splice(smokeAt, 1);
  }
  const only = args.map((a) => a.toLowerCase());
  const selected = BENCHES.filter(
    (b) => only.length === 0 || only.some((o) => b.name.toLowerCase().includes(o)),
  );
  const figures: Figure[] = [];
  for (const bench of selected) {
    console.error(`running ${bench.name} …`);
    const t0 = performance.now();
    figures.push(...(await bench.run()));
    console.error(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log('');
  printTable(figures);

  if (only.length > 0) {
    console.log('\n(filtered run: bench/results/latest.json left as it was)');
    return;
  }
  const out = path.join(ROOT, 'bench', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? null,
    cpus: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    // Figures from a busy machine are not comparable; the load says how busy it was.
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    figures,
  };
  fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(`${out}.tmp`, out);
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
