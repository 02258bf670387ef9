// The clock the tests set: the server started at `clockStart` (see
// frontend-staff/e2e/server.ts) and runs on at this machine's pace; the tests and every
// browser context read the same time, so nothing depends on the hour the suite runs.
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';

/** What the server's clock reads now. */
export function now(): Date {
  return new Date(Date.parse(inject('clockStart')) + (Date.now() - inject('clockStartedAt')));
}

/** The browser's Date and timers run on the server's clock (they tick on from it). */
export async function pinClock(context: BrowserContext): Promise<void> {
  await context.clock.install({ time: now() });
}
