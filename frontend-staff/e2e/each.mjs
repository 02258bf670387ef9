// Runs each browser-test file against a server of its own (a fresh database with the
// demo tenant), one file after another: what one file books or checks in never shifts
// the counts another expects. Extra arguments (file names) pick some files only.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const chosen = process.argv.slice(2);
const files = chosen.length > 0 ? chosen : readdirSync(dir).filter((name) => name.endsWith('.e2e.ts')).sort().map((name) => join('e2e', name));
let passed = 0;
let failed = 0;
for (const file of files) {
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', file], { cwd: join(dir, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  // Vitest's own summary: "Tests  3 failed | 26 passed (29)".
  const summary = /Tests\s+(?:\x1b\[[0-9;]*m)*(.*)\(\d+\)/.exec(run.stdout.replace(/\x1b\[[0-9;]*m/g, ''));
  passed += Number(/(\d+) passed/.exec(summary?.[1] ?? '')?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(summary?.[1] ?? '')?.[1] ?? 0);
  if (run.status !== 0 && !/(\d+) failed/.test(summary?.[1] ?? '')) failed += 1;
}
console.log(`browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
