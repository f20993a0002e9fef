// Small helpers shared by the root scripts (start, test, test-e2e, test-pg). Plain Node, no dependencies,
// so they run before anything is built.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'node_modules', '.bin');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command with inherited stdio; resolves with its exit code (a signal counts as failure). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

/** Runs a command and throws a readable error when it fails. */
export async function mustRun(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with code ${code}`);
}

export const runNpm = (args, options) => run(npm, args, options);

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function formatDuration(ms) {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const WEB_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');
const WEB_SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'domain/src'];

/** Why the built web app must be rebuilt, or null when web/dist is up to date. */
export function webBuildReason() {
  if (!fs.existsSync(WEB_INDEX)) return 'web/dist/index.html is missing';
  const built = fs.statSync(WEB_INDEX).mtimeMs;
  const changed = WEB_SOURCES.find((rel) => newestMtime(path.join(ROOT, rel)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Builds the web app with Vite when it is missing or older than its sources (or always with force). */
export async function ensureWebBuild({ force = false } = {}) {
  const reason = force ? 'requested' : webBuildReason();
  if (!reason) {
    console.log('[tiegui] web/dist is up to date');
    return;
  }
  console.log(`[tiegui] building the web app (${reason}) …`);
  const code = await runNpm(['run', 'build', '-w', '@tiegui/web']);
  if (code !== 0) throw new Error(`building the web app failed (npm run build -w @tiegui/web, code ${code})`);
}
