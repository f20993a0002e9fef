// `npm run test:e2e`: the browser journeys in e2e/ against a real server and Chromium.
// Extra arguments go to vitest (e.g. `npm run test:e2e -- import`). Set TIEGUI_E2E_REBUILD=1 to force a web build.
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { BIN, ensureWebBuild, run } from './lib.mjs';

try {
  await ensureChromium();
  await ensureWebBuild({ force: process.env.TIEGUI_E2E_REBUILD === '1' });
} catch (error) {
  console.error(`[tiegui] ${error.message}`);
  process.exit(1);
}

const code = await run(path.join(BIN, 'vitest'), [
  'run',
  '--config',
  'e2e/vitest.config.ts',
  ...process.argv.slice(2),
]);
process.exit(code);
