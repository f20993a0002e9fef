import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SESSION_MAX_HOURS, SESSIONS_PER_USER } from '@tiegui/domain';
import { type SqliteSynchronous, sqliteSynchronousFrom } from './db/database';
import { type Clock, systemClock } from './lib/clock';

export interface AppConfig {
  databaseUrl: string;
  dataDir: string;
  webDist: string | null;
  clock: Clock;
  /** Secure cookies always (TIEGUI_SECURE_COOKIES=1); otherwise whenever a request came over HTTPS. */
  secureCookies: boolean;
  logger: boolean;
  /** Where the log goes (standard output unless a test reads it). */
  logStream?: { write(line: string): void };
  /**
   * Which proxies may name the client in X-Forwarded-For and the scheme in X-Forwarded-Proto:
   * false (none, the default), a number of hops, or addresses and CIDR ranges (TIEGUI_TRUST_PROXY).
   */
  trustProxy: false | string[] | ((address: string, hop: number) => boolean);
  /** Origins besides the server's own from which a browser may send writes (TIEGUI_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** SQLite's commit durability (TIEGUI_SQLITE_SYNCHRONOUS); PostgreSQL keeps its own settings. */
  sqliteSynchronous?: SqliteSynchronous;
  /**
   * Leading zero bits of sha256 the first proof of work after repeated login failures asks for
   * (about 2^n hashes in the browser); DEFAULT_POW_DIFFICULTY unless set. Tests use a few bits.
   */
  powDifficulty?: number;
  /** How long a session lasts however busy (TIEGUI_SESSION_MAX_HOURS; the idle timeout ends it sooner). */
  sessionMaxHours?: number;
  /** Sessions a user may hold at once; a new login ends the oldest (TIEGUI_SESSIONS_PER_USER). */
  sessionsPerUser?: number;
}

/** A whole number within [min, max] from the environment, or the default. */
function integerOf(value: string | undefined, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
    ? n
    : fallback;
}

/** About 65,000 hashes: a second or two in a browser, once, after repeated failures. */
export const DEFAULT_POW_DIFFICULTY = 16;

function powDifficultyOf(value: string | undefined): number {
  return integerOf(value, 1, 30, DEFAULT_POW_DIFFICULTY);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the user ran the command: `npm run tiegui -- backup x` runs in server/, but a relative
 * path means the folder the user typed it in (npm keeps that in INIT_CWD).
 */
export function userPath(p: string, env = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), p);
}

export function configFromEnv(env = process.env): AppConfig {
  const dataDir = env.TIEGUI_DATA_DIR ? userPath(env.TIEGUI_DATA_DIR, env) : path.join(root, 'data');
  return {
    databaseUrl: env.TIEGUI_DATABASE_URL ?? path.join(dataDir, 'tiegui.sqlite'),
    dataDir,
    webDist: path.join(root, 'web', 'dist'),
    clock: systemClock,
    secureCookies: env.TIEGUI_SECURE_COOKIES === '1',
    logger: env.TIEGUI_LOG !== '0',
    trustProxy: trustProxyFrom(env.TIEGUI_TRUST_PROXY),
    allowedOrigins: listFrom(env.TIEGUI_ALLOWED_ORIGINS),
    sqliteSynchronous: sqliteSynchronousFrom(env.TIEGUI_SQLITE_SYNCHRONOUS),
    powDifficulty: powDifficultyOf(env.TIEGUI_POW_DIFFICULTY),
    sessionMaxHours: integerOf(env.TIEGUI_SESSION_MAX_HOURS, 1, 24 * 30, SESSION_MAX_HOURS),
    sessionsPerUser: integerOf(env.TIEGUI_SESSIONS_PER_USER, 1, 100, SESSIONS_PER_USER),
  };
}

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `2` trusts two hops; `127.0.0.1,10.0.0.0/8` trusts those; empty trusts none. */
export function trustProxyFrom(value: string | undefined): AppConfig['trustProxy'] {
  const list = listFrom(value);
  if (list.length === 0) return false;
  if (list.length === 1 && /^\d+$/.test(list[0]!)) {
    const hops = Number(list[0]);
    return (_address, hop) => hop < hops;
  }
  return list;
}

export const PROJECT_ROOT = root;
