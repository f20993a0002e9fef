// `npm run test:pg`: the server API suite on PostgreSQL.
// With TIEGUI_TEST_PG_URL set (a superuser URL) it uses that server; otherwise it starts a throwaway cluster
// (initdb into a temp folder, 127.0.0.1 and a free port, fsync off) and always removes it afterwards.
// Extra arguments go to vitest (e.g. `npm run test:pg -- mines`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, freePort, ROOT, run } from './lib.mjs';

const vitestArgs = ['run', '--project', 'server', ...process.argv.slice(2)];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const log = (message) => console.log(`[test:pg] ${message}`);

// Signals stop the suite, never the cleanup: Ctrl-C reaches vitest through the process group, SIGTERM we forward.
let current = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    if (current && current.exitCode === null) current.kill(signal);
  });
}

async function runSuite(url) {
  log(`running the server suite against ${url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@')}`);
  return new Promise((resolve, reject) => {
    current = spawn(path.join(BIN, 'vitest'), vitestArgs, {
      stdio: 'inherit',
      cwd: ROOT,
      env: { ...process.env, TIEGUI_TEST_PG_URL: url },
    });
    current.on('error', reject);
    current.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

function findPgBin() {
  const base = '/usr/lib/postgresql';
  const preferred = path.join(base, '15', 'bin');
  if (fs.existsSync(path.join(preferred, 'initdb'))) return preferred;
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

async function ensurePgBin() {
  let bin = findPgBin();
  if (bin) return bin;
  if (!isRoot) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql; install them with\n' +
        '  sudo apt-get install -y postgresql\n' +
        'or point TIEGUI_TEST_PG_URL at a PostgreSQL superuser URL (postgres://user:pass@host:5432/postgres).',
    );
  }
  log('installing PostgreSQL with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  for (const args of [
    [...lock, 'update'],
    [...lock, 'install', '-y', 'postgresql'],
  ]) {
    const code = await run('apt-get', args, { env });
    if (code !== 0) throw new Error(`apt-get ${args.join(' ')} failed with code ${code}`);
  }
  bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL binaries still missing after apt-get install postgresql');
  return bin;
}

/** initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user. */
function asClusterOwner(command, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

class Cluster {
  constructor(bin) {
    this.bin = bin;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-pg-'));
    this.data = path.join(this.dir, 'data');
    this.logFile = path.join(this.dir, 'postgres.log');
    this.started = false;
  }

  async start() {
    if (isRoot) fs.chownSync(this.dir, uidOf('postgres'), gidOf('postgres'));
    this.port = await freePort();
    const initdb = asClusterOwner(path.join(this.bin, 'initdb'), [
      '-D',
      this.data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    let code = await run(initdb[0], initdb[1], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (code !== 0) throw new Error(`initdb failed with code ${code}`);
    fs.appendFileSync(
      path.join(this.data, 'postgresql.conf'),
      [
        '',
        '# tiegui test:pg — a throwaway cluster',
        "listen_addresses = '127.0.0.1'",
        `port = ${this.port}`,
        `unix_socket_directories = '${this.dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 300',
        '',
      ].join('\n'),
    );
    const pgctl = asClusterOwner(path.join(this.bin, 'pg_ctl'), [
      '-D',
      this.data,
      '-l',
      this.logFile,
      '-w',
      'start',
    ]);
    code = await run(pgctl[0], pgctl[1], { stdio: ['ignore', 'ignore', 'inherit'] });
    this.started = code === 0;
    if (!this.started) {
      const tail = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').slice(-2000) : '';
      throw new Error(`pg_ctl start failed with code ${code}\n${tail}`);
    }
    log(
      `PostgreSQL ${path.basename(path.dirname(this.bin))} started on 127.0.0.1:${this.port} (${this.dir})`,
    );
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Synchronous, so it also runs from an exit handler. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.started && fs.existsSync(path.join(this.data, 'postmaster.pid'))) {
      const [command, args] = asClusterOwner(path.join(this.bin, 'pg_ctl'), [
        '-D',
        this.data,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
      spawnSync(command, args, { stdio: 'ignore' });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    log(`cluster stopped and ${this.dir} removed`);
  }
}

function idOf(flag, name) {
  const out = spawnSync('id', [flag, name], { encoding: 'utf8' });
  const id = Number.parseInt(out.stdout, 10);
  if (out.status !== 0 || Number.isNaN(id))
    throw new Error(`system user "${name}" not found (id ${flag} ${name})`);
  return id;
}
const uidOf = (name) => idOf('-u', name);
const gidOf = (name) => idOf('-g', name);

let cluster = null;
process.on('exit', () => cluster?.destroy());

let code = 1;
try {
  if (process.env.TIEGUI_TEST_PG_URL) {
    code = await runSuite(process.env.TIEGUI_TEST_PG_URL);
  } else {
    const bin = await ensurePgBin();
    cluster = new Cluster(bin);
    const url = await cluster.start();
    code = interrupted ? 130 : await runSuite(url);
  }
} catch (error) {
  console.error(`[test:pg] ${error.message}`);
  code = 1;
} finally {
  cluster?.destroy();
}
if (interrupted && code === 0) code = 130;
process.exit(code);
