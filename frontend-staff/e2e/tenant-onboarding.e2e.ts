// An operator brings a municipality in with `madoguchi tenant create` and switches one
// off and on with `tenant disable` / `tenant enable`: a second process of the same binary
// on the server's database and data directory (hence its keys), as on a real host.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot } from './browser';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
// The same binary the server runs (see server.ts): a command of another build could
// write what this server does not read.
const binary = process.env.MADOGUCHI_BIN ?? join(resolve(import.meta.dirname, '../..'), 'target/debug/madoguchi');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs an operator's command against the server's database; its standard output. */
function madoguchi(...args: string[]): string {
  const run = spawnSync(binary, args, {
    cwd: dataDir,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dataDir, 'madoguchi.db')}?mode=rwc`,
      MADOGUCHI_DATA_DIR: dataDir,
      // The address it prints is the one residents are given: this server's.
      MADOGUCHI_PUBLIC_URL: baseUrl,
      // The audit log's instants must follow the server's clock, not this machine's.
      MADOGUCHI_CLOCK_START: inject('clockStart'),
      RUST_LOG: 'warn',
    },
  });
  if (run.status !== 0) throw new Error(`madoguchi ${args.join(' ')} exited with ${run.status}:\n${run.stderr}`);
  return run.stdout;
}

/** Brings a municipality in; the one-time password its administrator was handed. */
function createTenant(slug: string, code: string, name: string, admin: string, adminName: string): string {
  const out = madoguchi(
    'tenant',
    'create',
    '--slug',
    slug,
    '--code',
    code,
    '--name',
    name,
    '--admin',
    admin,
    '--admin-name',
    adminName,
  );
  expect(out).toContain(`${name} (${code}) is served at ${baseUrl}/r/${slug}/`);
  const oneTime = new RegExp(`\`${admin}\` signs in once with: (\\S+)`).exec(out)?.[1];
  expect(oneTime, out).toBeTruthy();
  return oneTime!;
}

/** Fills in and sends the sign-in form; what follows is for the caller to wait for. */
async function signIn(page: Page, tenant: string, loginId: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/staff/`);
  await page.getByLabel('自治体ID').fill(tenant);
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.keyboard.press('Enter');
}

function heading(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

const FIRST_HEADING = 'はじめてのログイン: パスワードを決めてください';

/** On the first-sign-in screen: replaces the one-time password and waits for the home page. */
async function chooseOwnPassword(page: Page, oneTime: string, own: string): Promise<void> {
  // Exact: 「新しいパスワード」 is also the start of its confirmation's label.
  await page.getByLabel('受け取ったパスワード', { exact: true }).fill(oneTime);
  await page.getByLabel('新しいパスワード', { exact: true }).fill(own);
  await page.getByLabel('新しいパスワード（確認のためもう一度）', { exact: true }).fill(own);
  await page.getByRole('button', { name: '変更する' }).click();
  await expect.poll(() => heading(page)).toBe('ホーム');
}

describe('a municipality brought in by the operator', () => {
  it("a new municipality's administrator signs in with the one-time password, must choose their own first, then works", async () => {
    const oneTime = createTenant('kita', '131016', '北区', 'kanri', '北 管理者');
    const own = 'Kita-ku 2026 madoguchi';
    const page = await newPage(browser);

    await signIn(page, 'kita', 'kanri', oneTime);
    await expect.poll(() => heading(page)).toBe(FIRST_HEADING);
    await expect.poll(() => page.getByText('北区 北 管理者 さん').count()).toBe(1);
    // The server refuses everything else until the password is replaced: no menu to lead there.
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(0);
    // The new municipality's default rules are said before the first try, not after a refusal.
    expect(await page.getByText('12 文字以上で、英小文字・英大文字・数字・記号のうち 2 種類以上').count()).toBe(1);
    await expectAccessible(page, 'first sign-in');
    await screenshot(page, 'first-password');

    await chooseOwnPassword(page, oneTime, own);
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await expect.poll(() => menu.getByRole('link', { name: '職員ユーザー' }).count()).toBe(1);
    await expect.poll(() => page.getByText('北 管理者 さん、お疲れさまです。').count()).toBe(1);
    await screenshot(page, 'first-password-done');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('ログアウトしました。');
    // The one-time password was good for that one sign-in only.
    await signIn(page, 'kita', 'kanri', oneTime);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('パスワードが違います');
    await signIn(page, 'kita', 'kanri', own);
    await expect.poll(() => heading(page)).toBe('ホーム');
    expect(await page.getByRole('heading', { name: FIRST_HEADING }).count()).toBe(0);
  });

  it('a switched-off municipality is closed to its residents and its staff', async () => {
    // A municipality of its own: this test does not lean on the one above having run.
    const oneTime = createTenant('minami', '011002', '南市', 'minami-admin', '南 管理者');
    const own = 'Minami-shi 2026 madoguchi';
    const staff = await newPage(browser);
    await signIn(staff, 'minami', 'minami-admin', oneTime);
    await expect.poll(() => heading(staff)).toBe(FIRST_HEADING);
    await chooseOwnPassword(staff, oneTime, own);
    await staff.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => staff.getByRole('status').first().textContent()).toBe('ログアウトしました。');

    const resident = await newPage(browser);
    await resident.goto(`${baseUrl}/r/minami/`);
    // Open at first: the closed page below is the switch's doing, not a new site's default.
    await expect.poll(() => heading(resident)).toBe('南市 マイナンバーカード窓口予約');

    expect(madoguchi('tenant', 'disable', 'minami')).toContain('minami: switched off');
    await signIn(staff, 'minami', 'minami-admin', own);
    await expect
      .poll(() => staff.getByRole('alert').textContent())
      .toContain('この自治体の利用は停止されています。運用担当者にお問い合わせください。');
    await screenshot(staff, 'tenant-disabled');
    await resident.goto(`${baseUrl}/r/minami/`);
    await expect.poll(() => heading(resident)).toBe('現在、予約の受付を停止しています');
    await screenshot(resident, 'tenant-disabled-resident');

    expect(madoguchi('tenant', 'enable', 'minami')).toContain('minami: switched on');
    await signIn(staff, 'minami', 'minami-admin', own);
    await expect.poll(() => heading(staff)).toBe('ホーム');
    await resident.goto(`${baseUrl}/r/minami/`);
    await expect.poll(() => heading(resident)).toBe('南市 マイナンバーカード窓口予約');
  });
});
