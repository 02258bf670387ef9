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
  }
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
  return () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
