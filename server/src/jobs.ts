import { closeRefusalWindows } from './audit/audit-refusals';
import type { Db } from './db/database';
import { unlessRunningElsewhere } from './db/dialect';
import type { Clock } from './lib/clock';
import { checkSupervisionOverdue } from './modules/hazards/hazard-supervision.service';

/** How often a running server looks for overdue 挂牌督办 supervisions (each supervising org hears once a day). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The duties a running server does on its own: right after start and then every hour, every
 * supervising org of an overdue supervision (a late progress report, a passed deadline or time limit) is
 * notified, at most once a day per supervision. Returns the function that stops them.
 */
export function startJobs(
  deps: { db: Db; clock: Clock },
  log: (message: string) => void = console.warn,
  everyMs = CHECK_EVERY_MS,
): () => void {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = runJobsOnce(deps)
      .then((notified) => {
        if (notified > 0) log(`挂牌督办逾期提醒：已通知${notified}项`);
      })
      .catch((error: unknown) => log(`挂牌督办逾期检查失败：${String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The advisory lock of the hourly round (PostgreSQL), one key for every server process. */
export const JOBS_LOCK = 7231002;

/**
 * One round of the jobs; returns how many supervisions were notified. With several server
 * processes on one PostgreSQL, a round another process is running is skipped (0): the day's
 * claim on each supervision already keeps a reminder from going twice, the lock keeps every
 * process from reading and claiming the same supervisions each hour. Refusal windows whose time
 * is up join the audit log here too (reading the log closes them as well, so a reader never waits).
 */
export async function runJobsOnce(deps: { db: Db; clock: Clock }): Promise<number> {
  const result = await unlessRunningElsewhere(deps.db, JOBS_LOCK, async () => {
    await closeRefusalWindows(deps.db, deps.clock.now());
    return checkSupervisionOverdue(deps, null);
  });
  return result?.notified ?? 0;
}
