// `npm start`: build the web app when it is missing or stale, then run the server CLI's `start`
// (migrations, first-start demo seed, listen on PORT) in the foreground.
import { spawn } from 'node:child_process';
import { ensureWebBuild, ROOT } from './lib.mjs';

try {
  await ensureWebBuild();
} catch (error) {
  console.error(`[tiegui] ${error.message}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'server/src/main.ts', 'start', ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  },
);

// A terminal's Ctrl-C reaches the whole process group; a SIGTERM from a supervisor only reaches us.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  console.error(`[tiegui] cannot start the server: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
