import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { ROOT } from './lib';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/**
 * A TypeScript entry point run as `npm start` runs the server (node + tsx, from the repository
 * root) in its own process, listening on a free port given as PORT; resolves once `healthPath`
 * answers 200. A server in its own process competes for the cores with the load generator as a
 * deployed one would, instead of sharing its event loop.
 */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  healthPath = '/api/health',
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, TIEGUI_LOG: '0', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with code ${child.exitCode}`);
    const up = await fetch(`${base}${healthPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${args.join(' ')} did not answer within 2 minutes`);
}

/** The server as `npm start` runs it (`main.ts start`), on its own data folder. */
export function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startProcess(['server/src/main.ts', 'start'], { TIEGUI_DATA_DIR: dataDir, ...env });
}

/** Signs a demo account in over HTTP; the session cookie to send. */
export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login ${username}: ${res.status}`);
  return cookie;
}
