// `npm run test:crash` (node --import tsx: it takes the demo password and a hazard from the server's code): the real server (as `npm start` runs it) on a fresh data folder, 20 writers
// registering hazards and saving drafts through HTTP, the server killed with SIGKILL mid-run and
// restarted, a few times over. Every write the server acknowledged (2xx) must be there after the
// restart; SQLite's integrity check and `audit-verify` must pass while the server is down. Prints the
// figures; exits non-zero on any loss or failed check.
//   --pg  on PostgreSQL: TIEGUI_TEST_PG_URL (a superuser URL) or a throwaway cluster as test:pg starts.
//   --rounds N (default 3), --writers N (default 20).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { GENERAL } from '../server/src/modules/hazards/hazard.fixtures.ts';
import { DEMO_PASSWORD } from '../server/src/seed/demo.ts';
import { freePort, ROOT } from './lib.mjs';
import { startPgCluster } from './pg-cluster.mjs';

const { values: options } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    writers: { type: 'string', default: '20' },
  },
});
const ROUNDS = Number(options.rounds);
const WRITERS = Number(options.writers);
const log = (message) => console.log(`[crash] ${message}`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-crash-'));
const env = {
  ...process.env,
  TIEGUI_DATA_DIR: dataDir,
  TIEGUI_LOG: '0',
  TIEGUI_AUDIT_KEY: randomBytes(32).toString('hex'),
};
let cluster = null;
let dropDatabase = async () => {};
let server = null;

function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
      cwd: ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code: signal ? 1 : code, output: output.trim() }));
  });
}

/** The server as `npm start` runs it, without the wrapper: SIGKILL reaches the server itself. */
async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  while (Date.now() - t0 < 180_000) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}\n${stderr}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base, startedInMs: Date.now() - t0 };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer within 3 minutes\n${stderr}`);
}

async function killServer() {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGKILL');
  await exited;
}

async function call(base, method, url, cookie, body) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, text };
}

async function login(base, username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie;
}

/** One writer per mine account: its hazards, and drafts of its own 主要负责人履职自查 report numbered in turn. */
async function prepareWriters(base) {
  const accounts = ['dx-mine', 'yp-mine'];
  for (let i = 1; accounts.length < WRITERS; i++) accounts.push(`staff-mine-${String(i).padStart(2, '0')}`);
  const writers = [];
  for (const username of accounts) {
    const cookie = await login(base, username);
    const duties = await call(base, 'GET', '/api/obligations', cookie);
    const duty = duties.json?.items?.find((d) => d.dutyKey === 't3-principal-selfcheck');
    // A mine whose report the demo already submitted writes hazards only.
    const open =
      duty && (await call(base, 'GET', `/api/obligations/${duty.id}`, cookie)).json?.abilities?.canEdit;
    writers.push({ username, cookie, dutyId: open ? duty.id : null, draft: 0, ackedDraft: 0 });
  }
  return writers;
}

const HAZARD = { ...GENERAL, photos: [], files: [] };

/** Writes until the server goes away; resolves with what it acknowledged and what it refused. */
async function runWriter(base, w, acked, refused) {
  for (let i = 0; ; i++) {
    try {
      if (w.dutyId && i % 2 === 1) {
        const n = w.draft + 1;
        const res = await call(base, 'PUT', `/api/obligations/${w.dutyId}/draft`, w.cookie, {
          values: { summary: `第${n}次草稿` },
        });
        if (res.status !== 200) refused.push(`${w.username} draft: ${res.status} ${res.text.slice(0, 200)}`);
        else {
          w.draft = n;
          w.ackedDraft = n;
          acked.drafts++;
        }
      } else {
        const res = await call(base, 'POST', '/api/hazards', w.cookie, {
          ...HAZARD,
          description: `${HAZARD.description}（${w.username} 第${i}次）`,
        });
        if (res.status !== 201) refused.push(`${w.username} hazard: ${res.status} ${res.text.slice(0, 200)}`);
        else acked.hazards.push({ id: res.json.id, cookie: w.cookie });
      }
    } catch {
      // The server was killed: this request was never acknowledged.
      return;
    }
  }
}

/** Every acknowledged hazard and the last acknowledged draft of each writer, read back through the API. */
async function findAcknowledged(base, hazards, writers) {
  let found = 0;
  const lost = [];
  for (let i = 0; i < hazards.length; i += 20) {
    const batch = hazards.slice(i, i + 20);
    const answers = await Promise.all(batch.map((h) => call(base, 'GET', `/api/hazards/${h.id}`, h.cookie)));
    for (const [j, a] of answers.entries()) {
      if (a.status === 200) found++;
      else lost.push(`hazard ${batch[j].id}: ${a.status}`);
    }
  }
  for (const w of writers.filter((x) => x.ackedDraft > 0)) {
    const res = await call(base, 'GET', `/api/obligations/${w.dutyId}`, w.cookie);
    const numbers = (res.json?.submissions ?? []).map((s) =>
      Number(/第(\d+)次/.exec(s.values?.summary ?? '')?.[1] ?? 0),
    );
    // The draft in flight when the server died may have committed unacknowledged: later, never earlier.
    const saved = Math.max(0, ...numbers);
    if (saved >= w.ackedDraft) found++;
    else lost.push(`draft of ${w.username}: acknowledged 第${w.ackedDraft}次, found 第${saved}次`);
    w.draft = saved;
  }
  return { found, lost };
}

async function checksWhileDown() {
  const result = { integrity: 'n/a (PostgreSQL)', audit: '' };
  if (!options.pg) {
    const db = new Database(path.join(dataDir, 'tiegui.sqlite'));
    result.integrity = db.pragma('integrity_check', { simple: true });
    db.close();
  }
  const verify = await cli(['audit-verify']);
  result.audit = verify.output.split('\n').at(-1);
  result.ok = verify.code === 0 && (options.pg || result.integrity === 'ok');
  return result;
}

async function preparePostgres() {
  let admin = process.env.TIEGUI_TEST_PG_URL;
  if (!admin) {
    cluster = await startPgCluster({ log });
    admin = cluster.url;
  }
  const name = `tiegui_crash_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  env.TIEGUI_DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

async function main() {
  if (options.pg) await preparePostgres();
  log(`${options.pg ? 'PostgreSQL' : 'SQLite'}, ${WRITERS} writers, ${ROUNDS} rounds, data in ${dataDir}`);
  const started = Date.now();
  const acked = { hazards: [], drafts: 0 };
  const refused = [];
  let failed = false;
  let lostTotal = 0;
  server = await startServer();
  log(`server up in ${server.startedInMs} ms (first start: migrations and demo data)`);
  const writers = await prepareWriters(server.base);
  log(`${writers.filter((w) => w.dutyId).length} of the writers also save drafts`);
  for (let round = 1; round <= ROUNDS; round++) {
    const before = { hazards: acked.hazards.length, drafts: acked.drafts };
    const runMs = 1500 + Math.floor(Math.random() * 1500);
    const loops = writers.map((w) => runWriter(server.base, w, acked, refused));
    await new Promise((r) => setTimeout(r, runMs));
    await killServer();
    await Promise.all(loops);
    const down = await checksWhileDown();
    const t0 = Date.now();
    server = await startServer();
    const restartMs = Date.now() - t0;
    const { found, lost } = await findAcknowledged(server.base, acked.hazards, writers);
    const expected = acked.hazards.length + writers.filter((w) => w.ackedDraft > 0).length;
    log(
      `round ${round}: killed after ${runMs} ms; acknowledged this round ${acked.hazards.length - before.hazards} hazards + ${acked.drafts - before.drafts} drafts; ` +
        `after restart (${restartMs} ms) found ${found}/${expected} (all hazards so far + each writer's last draft), lost ${lost.length}; ` +
        `integrity_check: ${down.integrity}; audit-verify: ${down.audit}`,
    );
    for (const l of lost.slice(0, 10)) log(`  LOST ${l}`);
    lostTotal = Math.max(lostTotal, lost.length);
    if (lost.length || !down.ok) failed = true;
  }
  if (refused.length) {
    failed = true;
    log(`${refused.length} writes answered other than 2xx while the server was up:`);
    for (const r of refused.slice(0, 10)) log(`  ${r}`);
  }
  log(
    `total: acknowledged ${acked.hazards.length} hazard registrations and ${acked.drafts} draft saves over ${ROUNDS} kills; ` +
      `lost ${lostTotal}; ${failed ? 'FAILED' : 'ok'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[crash] ${error.stack ?? error}`);
} finally {
  await killServer();
  await dropDatabase().catch((error) => console.error(`[crash] dropping the database: ${error.message}`));
  cluster?.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
