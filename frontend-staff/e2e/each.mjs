// Runs each browser-test file against a server of its own (a fresh database with the
// demo tenant), one file after another: what one file books or checks in never shifts
// the counts another expects. Extra arguments (file names) pick some files only.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const chosen = process.argv.slice(2);
const files =
  chosen.length > 0
    ? chosen
    : readdirSync(dir)
        .filter((name) => name.endsWith('.e2e.ts'))
        .sort()
        .map((name) => join('e2e', name));
let passed = 0;
let failed = 0;
for (const file of files) {
  // A file that needs an hour of the day says so (see server.ts).
  const time = /^\/\/ e2e-clock: (\d{2}:\d{2})$/m.exec(readFileSync(join(dir, '..', file), 'utf8'))?.[1];
  const env = { ...process.env, ...(time ? { E2E_CLOCK_TIME: time } : {}) };
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', file], {
    cwd: join(dir, '..'),
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(run.stdout);
  // Vitest's own summary: "Tests  3 failed | 26 passed (29)", colour codes removed first.
  // eslint-disable-next-line no-control-regex -- ESC starts the terminal's colour codes
  const plain = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const summary = /Tests\s+(.*)\(\d+\)/.exec(plain);
  passed += Number(/(\d+) passed/.exec(summary?.[1] ?? '')?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(summary?.[1] ?? '')?.[1] ?? 0);
  if (run.status !== 0 && !/(\d+) failed/.test(summary?.[1] ?? '')) failed += 1;
}
console.log(`browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
