import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, screenshot } from './browser';
import { pinClock } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await pinClock(context);
  return context.newPage();
}

async function signIn(page: Page, loginId: string, password: string) {
  await page.goto(`${baseUrl}/staff/`);
  await page.getByLabel('自治体ID').fill('demo');
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.keyboard.press('Enter');
}

describe('staff sign-in', () => {
  it('an administrator signs in with the keyboard, sees every menu, and a reload keeps the session', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/staff/`);
    await screenshot(page, 'sign-in');
    await signIn(page, 'admin', 'madoguchi-demo');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ホーム');
    const menu = await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link').allTextContents();
    expect(menu).toEqual(['ホーム', '予約管理', '窓口受付', 'カード管理簿', '設定', '職員ユーザー', '操作ログ']);
    expect(await page.getByText('デモ市 マイナンバーカード窓口予約').count()).toBeGreaterThan(0);
    await screenshot(page, 'home-admin');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ホーム');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('ログアウトしました。');
  });

  it('a wrong password is explained and focus moves to the message', async () => {
    const page = await newPage();
    await signIn(page, 'admin', 'wrong password');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('パスワードが違います');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await screenshot(page, 'sign-in-error');
  });

  it('after wrong passwords in a row the sign-in waits a while, says for about how long, and an unknown ID alike', async () => {
    const page = await newPage();
    const alert = page.getByRole('alert');
    // The demo tenant locks after 5 wrong passwords in a row, for 15 minutes the first time.
    for (const loginId of ['ledger', 'no-such-clerk']) {
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await signIn(page, loginId, `wrong password ${attempt}`);
        await expect.poll(() => alert.textContent()).toContain('パスワードが違います');
      }
      await signIn(page, loginId, 'wrong password 5');
      await expect
        .poll(() => alert.textContent())
        .toContain(
          'パスワードの誤入力が続いたため、しばらくログインできません。約15分後にもう一度お試しください。お急ぎの場合はシステム管理者にロック解除を依頼してください。',
        );
    }
    // Locked, the right password waits too.
    await signIn(page, 'ledger', 'madoguchi-demo');
    await expect.poll(() => alert.textContent()).toMatch(/約1[45]分後に/);
    await screenshot(page, 'sign-in-locked');
  });

  it('a call-center clerk sees no admin menu and gets the forbidden page on an admin URL', async () => {
    const page = await newPage();
    await signIn(page, 'callcenter', 'madoguchi-demo');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ホーム');
    const menu = await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link').allTextContents();
    expect(menu).toEqual(['ホーム', '予約管理（代行予約）', '窓口受付']);
    await page.goto(`${baseUrl}/staff/users`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('この画面を開く権限がありません');
    await screenshot(page, 'forbidden-call-center');
  });
});

describe('resident pages', () => {
  it('the demo city top page shows its service name', async () => {
    const page = await newPage({ width: 375, height: 812 });
    await page.goto(`${baseUrl}/r/demo/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('デモ市 マイナンバーカード窓口予約');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await screenshot(page, 'resident-top');
  });
});
