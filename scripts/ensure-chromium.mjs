// Makes sure the browser the journeys drive (Debian's /usr/bin/chromium) and a CJK font are installed.
// As root it installs them with apt-get; otherwise it says which command to run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { run } from './lib.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function hasCjkFont() {
  if (fs.existsSync(FONT_FILE)) return true;
  try {
    return /wqy/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

/** Installs what is missing; throws with the command to run when that needs root. */
export async function ensureChromium() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-wqy-microhei');
  if (missing.length === 0) return;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `missing ${missing.join(' and ')} for the browser journeys; install with:\n  sudo apt-get install -y ${PACKAGES.join(' ')}`,
    );
  }
  console.log(`[tiegui] installing ${missing.join(', ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt/dpkg run (e.g. a provisioning script) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  for (const args of [
    [...lock, 'update'],
    [...lock, 'install', '-y', ...PACKAGES],
  ]) {
    const code = await run('apt-get', args, { env });
    if (code !== 0) throw new Error(`apt-get ${args.join(' ')} failed with code ${code}`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after apt-get install`);
  if (!hasCjkFont()) throw new Error('the WenQuanYi Micro Hei font is still missing after apt-get install');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await ensureChromium();
    console.log(`[tiegui] ${CHROMIUM} and the CJK font are installed`);
  } catch (error) {
    console.error(`[tiegui] ${error.message}`);
    process.exit(1);
  }
}
