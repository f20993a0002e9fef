import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAuditLog } from '../../server/src/audit/audit-log';
import { createDb, type Db, sqliteSynchronousFrom } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';

/** The repository root (bench/src/ is two levels down). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One measured figure. Benchmarks report figures; nothing here passes or fails. */
export interface Figure {
  bench: string;
  metric: string;
  value: number | null;
  unit: string;
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<Figure[]>;
}

/** Bench data is generated, not kept secret: one fixed audit key lets a kept database verify on the next run. */
export const BENCH_AUDIT_ENV = { TIEGUI_AUDIT_KEY: 'tiegui-bench-audit-key-generated-data-only' };

/**
 * A database as the server opens it: migrated, its audit log open (key, checkpoints under
 * `dataDir`). `close` writes the last checkpoint and closes the database.
 */
export async function openBenchDb(url: string, dataDir: string): Promise<{ db: Db; close(): Promise<void> }> {
  // TIEGUI_SQLITE_SYNCHRONOUS=FULL measures what durability through a power cut costs.
  const db = createDb(url, { synchronous: sqliteSynchronousFrom(process.env.TIEGUI_SQLITE_SYNCHRONOUS) });
  await migrateToLatest(db);
  const audit = await openAuditLog(db, { dataDir, env: BENCH_AUDIT_ENV });
  return {
    db,
    close: async () => {
      await audit.close();
      await db.destroy();
    },
  };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tiegui-bench-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Nearest-rank percentile of a list of samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Samples the process's resident set every 50 ms while fn runs; returns fn's result and the peak. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}
