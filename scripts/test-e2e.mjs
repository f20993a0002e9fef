// `npm run test:e2e`: the browser journeys in e2e/ against a real server and Chromium.
// Extra arguments go to vitest (e.g. `npm run test:e2e -- import`). Set TIEGUI_E2E_REBUILD=1 to force a web build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { BIN, ensureWebBuild, mustRun, ROOT, run } from './lib.mjs';

try {
  await ensureChromium();
  await ensureWebBuild({ force: process.env.TIEGUI_E2E_REBUILD === '1' });
} catch (error) {
  console.error(`[tiegui] ${error.message}`);
  process.exit(1);
}

// The demo seeded once into a template folder: each journey's server starts from a copy of it
// instead of seeding its own (a journey that asks for another demo, e.g. a draft campaign, still
// seeds its own). The demo's dates are relative to the day it is seeded, which the run shares.
const template = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-e2e-template-'));
let code = 1;
try {
  const env = { ...process.env, TIEGUI_DATA_DIR: template, TIEGUI_LOG: '0' };
  delete env.TIEGUI_DATABASE_URL;
  await mustRun(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts'), 'seed', '--demo'],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  code = await run(
    path.join(BIN, 'vitest'),
    ['run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
    {
      env: { ...process.env, TIEGUI_E2E_TEMPLATE: template },
    },
  );
} catch (error) {
  console.error(`[tiegui] ${error.message}`);
} finally {
  fs.rmSync(template, { recursive: true, force: true });
}
process.exit(code);
