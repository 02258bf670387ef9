import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { pinClock } from './clock';

/** Where screenshots go; the test command prints it. */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots/staff');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The browser's own parts of a page (a date field's 年/月/日) speak Chromium's UI
    // language, not the context's locale. On Linux Chromium takes it from LANGUAGE, not
    // from --lang (kept for other platforms), and only when its locale pack is installed
    // (Debian: chromium-l10n); without it, en-US (mm/dd/yyyy) whatever is asked.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=ja',
    ],
    env: { ...process.env, LANGUAGE: 'ja' },
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The clerks' laptops: LGWAN terminals at 1366×768. */
export const LAPTOP = { width: 1366, height: 768 };

/** A clerk's browser: Japanese, on Tokyo time and on the server's clock. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await pinClock(context);
  return context.newPage();
}

/** Signs in through the sign-in form and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, loginId: string, password = 'madoguchi-demo'): Promise<void> {
  await page.goto(`${baseUrl}/staff/`);
  await page.getByLabel('自治体ID').fill('demo');
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
}

// Evaluated through the DevTools protocol: a script tag would be refused by our own CSP.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core with the WCAG 2.1 A and AA rules: no violation on the page as it stands. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}
