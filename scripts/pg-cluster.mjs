// A throwaway PostgreSQL cluster for test:pg and the bench: initdb into a temp folder, 127.0.0.1 and a
// free port, fsync off; as root it runs as the `postgres` system user (initdb refuses root). Binaries
// from /usr/lib/postgresql (15 preferred); as root, apt-get installs them when missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, run } from './lib.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

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

async function ensurePgBin(log) {
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
  constructor(bin, log) {
    this.bin = bin;
    this.log = log;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-pg-'));
    this.data = path.join(this.dir, 'data');
    this.logFile = path.join(this.dir, 'postgres.log');
    this.started = false;
  }

  async start(settings) {
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
        '# tiegui — a throwaway cluster',
        "listen_addresses = '127.0.0.1'",
        `port = ${this.port}`,
        `unix_socket_directories = '${this.dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 300',
        ...settings,
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
    this.log(
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
    this.log(`cluster stopped and ${this.dir} removed`);
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

/**
 * Starts a cluster; resolves with its superuser URL and `destroy()`, which is synchronous (so it also
 * runs from an exit handler), idempotent, stops the server and removes the folder. A failed start
 * cleans up before it throws. `settings` are extra postgresql.conf lines.
 */
export async function startPgCluster({ log = console.log, settings = [] } = {}) {
  const cluster = new Cluster(await ensurePgBin(log), log);
  try {
    const url = await cluster.start(settings);
    return { url, destroy: () => cluster.destroy() };
  } catch (error) {
    cluster.destroy();
    throw error;
  }
}
