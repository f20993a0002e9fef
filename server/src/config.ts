import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from './lib/clock';

export interface AppConfig {
  databaseUrl: string;
  dataDir: string;
  webDist: string | null;
  clock: Clock;
  /** Secure cookies when served over HTTPS (behind a proxy). */
  secureCookies: boolean;
  logger: boolean;
  /**
   * Leading zero bits of sha256 the first proof of work after repeated login failures asks for
   * (about 2^n hashes in the browser); DEFAULT_POW_DIFFICULTY unless set. Tests use a few bits.
   */
  powDifficulty?: number;
}

/** About 65,000 hashes: a second or two in a browser, once, after repeated failures. */
export const DEFAULT_POW_DIFFICULTY = 16;

function powDifficultyOf(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 1 && n <= 30 ? n : DEFAULT_POW_DIFFICULTY;
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
    powDifficulty: powDifficultyOf(env.TIEGUI_POW_DIFFICULTY),
  };
}

export const PROJECT_ROOT = root;
