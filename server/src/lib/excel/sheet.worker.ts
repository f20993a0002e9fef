import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { readTried, type SheetRead, type SheetWanted } from './sheet-stream';
import { countedRefusal } from './zip-guard';

/** What the pool asks of a worker: one upload's bytes and what to read them for. */
export interface SheetJob extends SheetWanted {
  zip: Uint8Array<ArrayBuffer>;
}

/** What the pool gives a worker once: its own temporary folder. */
export interface SheetWorkerData {
  tmp: string;
}

const { tmp }: SheetWorkerData = workerData;
// The stream reader parks sheets that come before the shared strings in temporary files; they go in
// this worker's own folder, emptied after each job, so a refused file leaves nothing behind.
process.env.TMPDIR = tmp;
// On Linux a thread has its own nice value: reading a big file yields the CPU to the request loop.
// (Elsewhere the call would lower the whole server.)
if (process.platform === 'linux') os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);

async function read(job: SheetJob): Promise<SheetRead> {
  const zip = Buffer.from(job.zip.buffer, job.zip.byteOffset, job.zip.byteLength);
  const refused = await countedRefusal(zip);
  if (refused) return { refused };
  return readTried(zip, job);
}

parentPort?.on('message', async (job: SheetJob) => {
  const answer = await read(job);
  for (const name of await fs.readdir(tmp))
    await fs.rm(path.join(tmp, name), { recursive: true, force: true });
  parentPort?.postMessage(answer);
});
