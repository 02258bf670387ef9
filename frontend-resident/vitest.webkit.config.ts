import { defineConfig } from 'vitest/config';

// The resident flow in WebKit (Safari's engine): the same real server the Chromium
// end-to-end tests use, driven through Debian's WebKitGTK WebDriver under Xvfb.
export default defineConfig({
  test: {
    include: ['webkit/**/*.webkit.ts'],
    environment: 'node',
    globalSetup: ['../frontend-staff/e2e/server.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The page answers within a second on a quiet machine, not always on a CI runner
    // whose two cores also run the server and the database.
    expect: { poll: { timeout: 10_000 } },
  },
});
