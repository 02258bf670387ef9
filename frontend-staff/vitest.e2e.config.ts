import { defineConfig } from 'vitest/config';

// End-to-end: the real server (SQLite, demo tenant) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/server.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The page answers within a second on a quiet machine, not always on a CI runner
    // whose two cores also run the server and the database.
    expect: { poll: { timeout: 10_000 } },
  },
});
