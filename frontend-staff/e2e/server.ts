// Starts the real madoguchi binary on a fresh SQLite database with the demo tenant and
// both SPAs' builds, for the end-to-end tests of either; stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory: mails land in its `outbox/` as `.eml` files. */
    dataDir: string;
    /** The instant (ISO) the server's clock started at; see `clock.ts`. */
    clockStart: string;
    /** This machine's `Date.now()` when the server's clock started. */
    clockStartedAt: number;
  }
}

/**
 * The instant the server's clock starts at: `MADOGUCHI_CLOCK_START` when the test
 * command sets one (the suite runs at chosen instants), else now. A test file that needs
 * an hour of the day (the counter's check-in needs it open) names it in a line
 * `// e2e-clock: HH:MM` (Japan time), which `each.mjs` passes as `E2E_CLOCK_TIME`: the
 * same Japanese date at that time.
 */
function clockStart(): Date {
  const pinned = process.env.MADOGUCHI_CLOCK_START?.trim();
  const start = pinned ? new Date(pinned) : new Date();
  if (Number.isNaN(start.getTime())) throw new Error(`MADOGUCHI_CLOCK_START is not an instant: ${pinned}`);
  const time = process.env.E2E_CLOCK_TIME?.trim();
  if (!time) return start;
  if (!/^\d{2}:\d{2}$/.test(time)) throw new Error(`E2E_CLOCK_TIME must be HH:MM, not ${time}`);
  const japanDate = new Date(start.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  return new Date(`${japanDate}T${time}:00+09:00`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`madoguchi exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('madoguchi did not become ready within 60 s');
}

export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  const binary = process.env.MADOGUCHI_BIN ?? join(root, 'target/debug/madoguchi');
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const start = clockStart();
  const startedAt = Date.now();
  const server = spawn(binary, ['serve'], {
    cwd: dataDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dataDir, 'madoguchi.db')}?mode=rwc`,
      MADOGUCHI_DATA_DIR: dataDir,
      MADOGUCHI_BIND: `127.0.0.1:${port}`,
      MADOGUCHI_DEMO: '1',
      MADOGUCHI_PUBLIC_URL: baseUrl,
      MADOGUCHI_CLOCK_START: start.toISOString(),
      // A helper building elsewhere (several builds at once must not share one folder).
      MADOGUCHI_STAFF_DIST: process.env.E2E_STAFF_DIST ?? join(root, 'frontend-staff/dist'),
      MADOGUCHI_RESIDENT_DIST: join(root, 'frontend-resident/dist'),
      RUST_LOG: 'warn',
    },
  });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitUntilReady(baseUrl, server);
  } catch (error) {
    server.kill();
    throw new Error(`${String(error)}\n${log}`);
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
  project.provide('clockStart', start.toISOString());
  project.provide('clockStartedAt', startedAt);
  return () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
