// `npm test`: typecheck → lint → unit and API tests → browser journeys, stopping at the first failure.
// `npm test -- --no-e2e` skips the browser journeys (for a quick loop).
import path from 'node:path';
import { BIN, formatDuration, ROOT, run } from './lib.mjs';

const skipE2e = process.argv.includes('--no-e2e');
const bin = (name) => path.join(BIN, name);

const steps = [
  {
    name: 'typecheck',
    commands: ['domain', 'server', 'web', 'e2e', 'bench'].map((project) => [bin('tsc'), ['-p', project]]),
    // The projects are checked independently: two at a time on two cores.
    lanes: 2,
  },
  { name: 'lint', commands: [[bin('biome'), ['check', '.']]] },
  { name: 'unit + API tests', commands: [[bin('vitest'), ['run']]] },
  { name: 'e2e journeys', commands: [[process.execPath, [path.join(ROOT, 'scripts', 'test-e2e.mjs')]]] },
].filter((step) => !(skipE2e && step.name === 'e2e journeys'));

const results = [];
const started = Date.now();

function summary() {
  console.log('\n── npm test summary ──');
  for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(18)} ${formatDuration(r.ms)}`);
  for (const step of steps.slice(results.length)) console.log(`  – ${step.name.padEnd(18)} not run`);
  console.log(`  total ${formatDuration(Date.now() - started)}`);
}

for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const t0 = Date.now();
  let failed = null;
  const queue = [...step.commands];
  const lane = async () => {
    for (let next = queue.shift(); next && !failed; next = queue.shift()) {
      const [command, args] = next;
      console.log(`$ ${path.relative(ROOT, command) || command} ${args.join(' ')}`);
      const code = await run(command, args);
      if (code !== 0) failed ??= `${path.basename(command)} ${args.join(' ')} exited with code ${code}`;
    }
  };
  await Promise.all(Array.from({ length: step.lanes ?? 1 }, lane));
  results.push({ name: step.name, ok: !failed, ms: Date.now() - t0 });
  console.log(`── ${step.name}: ${failed ? 'FAILED' : 'ok'} in ${formatDuration(Date.now() - t0)}`);
  if (failed) {
    summary();
    console.error(`\nnpm test stopped: step "${step.name}" failed (${failed}).`);
    process.exit(1);
  }
}

summary();
console.log('\nAll checks passed.');
