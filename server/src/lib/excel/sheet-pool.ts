import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import {
  type Refusal,
  SHEET_QUEUE,
  SHEET_READ_TIMEOUT_MS,
  SHEET_WORKER_HEAP_MB,
  SHEET_WORKER_IDLE_MS,
  SHEET_WORKERS,
} from './limits';
import type { SheetJob, SheetWorkerData } from './sheet.worker';
import type { SheetRead, SheetWanted } from './sheet-stream';

const HERE = new URL(import.meta.url);
const WORKER = new URL(`./sheet.worker${path.extname(HERE.pathname)}`, HERE);

/** How many workers, how many waiting, and what each may spend. */
export interface PoolLimits {
  workers: number;
  queue: number;
  heapMb: number;
  timeoutMs: number;
  idleMs: number;
}

interface Slot {
  worker: Worker;
  idle?: NodeJS.Timeout;
}

function spawn(heapMb: number): Slot {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-xlsx-'));
  const workerData: SheetWorkerData = { tmp };
  const options = {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    // Not the server's flags (a debugger port, a heap size): the worker has its own limits.
    execArgv: [],
  };
  // Node 20 runs TypeScript only through a loader, and a worker does not inherit the one the server
  // (tsx) or the tests run under: the worker registers tsx itself, then loads its module.
  const worker = WORKER.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`,
        { ...options, eval: true },
      )
    : new Worker(WORKER, options);
  worker.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  return { worker };
}

/**
 * Workers that read uploads' sheets, so parsing never holds up other requests and a file that
 * exhausts its worker kills only that worker. At most `workers` files are read at once and `queue`
 * wait; beyond that an upload is answered 503. Idle workers are kept for the next file, then stopped.
 */
export function sheetPool(limits: PoolLimits) {
  const idle: Slot[] = [];
  /** Jobs holding a worker; the ones waiting for one are in `waiting`. */
  let running = 0;
  const waiting: (() => void)[] = [];

  async function acquire(): Promise<void> {
    if (running < limits.workers) {
      running += 1;
      return;
    }
    if (waiting.length >= limits.queue) throw new AppError('UNAVAILABLE', '服务器繁忙，请稍后再试');
    // `release` hands its place straight to the first in line.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  function forget(slot: Slot): void {
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
  }

  function fresh(): Slot {
    const slot = spawn(limits.heapMb);
    // A worker that stops while idle is not handed the next file.
    slot.worker.once('exit', () => forget(slot));
    return slot;
  }

  function park(slot: Slot): void {
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      forget(slot);
      void slot.worker.terminate();
    }, limits.idleMs);
    slot.idle.unref();
    idle.push(slot);
  }

  /** A job on one worker: its answer, or a refusal when the worker runs out of time or memory or dies. */
  function runOn(slot: Slot, job: SheetJob): Promise<SheetRead> {
    const { worker } = slot;
    worker.ref();
    return new Promise((resolve) => {
      const finish = (read: SheetRead, healthy: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (healthy) park(slot);
        else void worker.terminate();
        resolve(read);
      };
      const refuse = (refused: Refusal) => finish({ refused }, false);
      const onMessage = (read: SheetRead) => finish(read, true);
      // A worker dies of a file it cannot read: out of heap is the file's size, anything else its content.
      const onError = (error: Error & { code?: string }) =>
        refuse(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'tooComplex' : 'unreadable');
      const onExit = () => refuse('tooComplex');
      const timer = setTimeout(() => refuse('tooComplex'), limits.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job, [job.zip.buffer]);
    });
  }

  return {
    /** Reads an upload's sheet in a worker: the sheet, or why the file is refused. */
    async read(content: Buffer, wanted: SheetWanted): Promise<SheetRead> {
      await acquire();
      try {
        const slot = idle.pop() ?? fresh();
        clearTimeout(slot.idle);
        // A copy handed over to the worker: the upload's buffer may be a slice of a larger pooled one.
        const zip = new Uint8Array(new ArrayBuffer(content.length));
        zip.set(content);
        return await runOn(slot, { zip, ...wanted });
      } finally {
        release();
      }
    },
  };
}

/** The server's pool, within the limits of limits.ts. */
const pool = sheetPool({
  workers: SHEET_WORKERS,
  queue: SHEET_QUEUE,
  heapMb: SHEET_WORKER_HEAP_MB,
  timeoutMs: SHEET_READ_TIMEOUT_MS,
  idleMs: SHEET_WORKER_IDLE_MS,
});

export const readInWorker = pool.read;
