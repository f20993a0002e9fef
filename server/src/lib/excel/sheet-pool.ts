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

interface Slot {
  worker: Worker;
  tmp: string;
  idle?: NodeJS.Timeout;
}

function spawn(): Slot {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-xlsx-'));
  const workerData: SheetWorkerData = { tmp };
  const options = {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: SHEET_WORKER_HEAP_MB },
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
  return { worker, tmp };
}

const idle: Slot[] = [];
/** Jobs holding a worker; the ones waiting for one are in `waiting`. */
let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < SHEET_WORKERS) {
    running += 1;
    return;
  }
  if (waiting.length >= SHEET_QUEUE) throw new AppError('UNAVAILABLE', '服务器繁忙，请稍后再试');
  // `release` hands its place straight to the first in line.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

function park(slot: Slot): void {
  slot.worker.unref();
  slot.idle = setTimeout(() => {
    idle.splice(idle.indexOf(slot), 1);
    void slot.worker.terminate();
  }, SHEET_WORKER_IDLE_MS);
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
    const timer = setTimeout(() => refuse('tooComplex'), SHEET_READ_TIMEOUT_MS);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job, [job.zip.buffer]);
  });
}

/**
 * Reads an upload's sheet in a worker thread, so parsing never holds up other requests and a file
 * that exhausts its worker kills only that worker. At most SHEET_WORKERS files are read at once and
 * SHEET_QUEUE wait; beyond that the upload is answered 503.
 */
export async function readInWorker(content: Buffer, wanted: SheetWanted): Promise<SheetRead> {
  await acquire();
  try {
    const slot = idle.pop() ?? spawn();
    clearTimeout(slot.idle);
    // A copy handed over to the worker: the upload's buffer may be a slice of a larger pooled one.
    const zip = new Uint8Array(new ArrayBuffer(content.length));
    zip.set(content);
    return await runOn(slot, { zip, ...wanted });
  } finally {
    release();
  }
}
