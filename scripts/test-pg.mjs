// `npm run test:pg`: the server API suite on PostgreSQL.
// With TIEGUI_TEST_PG_URL set (a superuser URL) it uses that server; otherwise it starts a throwaway cluster
// (initdb into a temp folder, 127.0.0.1 and a free port, fsync off) and always removes it afterwards.
// Extra arguments go to vitest (e.g. `npm run test:pg -- mines`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT } from './lib.mjs';
import { startPgCluster } from './pg-cluster.mjs';

const vitestArgs = ['run', '--project', 'server', ...process.argv.slice(2)];
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

let cluster = null;
process.on('exit', () => cluster?.destroy());

let code = 1;
try {
  if (process.env.TIEGUI_TEST_PG_URL) {
    code = await runSuite(process.env.TIEGUI_TEST_PG_URL);
  } else {
    cluster = await startPgCluster({ log });
    code = interrupted ? 130 : await runSuite(cluster.url);
  }
} catch (error) {
  console.error(`[test:pg] ${error.message}`);
  code = 1;
} finally {
  cluster?.destroy();
}
if (interrupted && code === 0) code = 130;
process.exit(code);
