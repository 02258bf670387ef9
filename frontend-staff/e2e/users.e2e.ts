import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  browser = await launch();
  admin = await newPage(browser);
  await signIn(admin, baseUrl, 'admin');
});
afterAll(async () => {
  await browser?.close();
});

const HEADER = 'action,login_id,name,roles,password,disabled';

function csv(...lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return {
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8'),
  };
}

async function heading(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

/** The cells of each body row of the first table, as text. */
async function rows(page: Page, table = page.getByRole('table').first()): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

async function openUsers(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '職員ユーザー' }).click();
  await expect.poll(() => heading(page)).toBe('職員ユーザー');
  await page.getByRole('table').waitFor();
}

describe('staff users and the audit log', () => {
  it('a user CSV import shows every row with its action, applies, and the new users are listed; a bad line is named and blocks applying', async () => {
    const page = admin;
    await openUsers(page);
    const before = await rows(page);
    expect(before.map((r) => r[0])).toEqual(['admin', 'callcenter', 'ledger']);
    expect(before[0]?.[2]).toBe('システム管理者');
    expect(before[0]?.[3]).toBe('有効');
    await expectAccessible(page, 'users list');
    await screenshot(page, 'users-list');

    // The export downloads as a file.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV出力' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('staff_users.csv');

    // A file with a bad line: the line is named and nothing can be applied.
    await page.getByRole('link', { name: 'CSVで一括登録' }).click();
    await expect.poll(() => heading(page)).toBe('CSVで一括登録');
    await page
      .getByLabel('CSVファイル')
      .setInputFiles(
        csv('create,yamada,山田 太郎,viewer,Madoguchi 2026,0', 'create,kato,加藤 三郎,clerk,Madoguchi 2026,0'),
      );
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.getByRole('heading', { name: '誤りのある行' }).waitFor();
    const bad = await rows(page, page.getByRole('table', { name: '誤りのある行と理由' }));
    expect(bad, JSON.stringify(bad)).toHaveLength(1);
    expect(bad[0]?.[0], JSON.stringify(bad)).toBe('3');
    expect(bad[0]?.[1]).toBe('権限');
    expect(bad[0]?.[2]).toContain('admin、call_center、ledger、viewer');
    expect(await page.getByRole('button', { name: 'この内容で反映する' }).isDisabled()).toBe(true);
    expect(await page.getByText('誤りのある行があるため反映できません。').isVisible()).toBe(true);
    await expectAccessible(page, 'import with a bad line');
    await screenshot(page, 'users-import-errors');

    // The good file: one row per user with its action, then applied.
    await page
      .getByLabel('CSVファイル')
      .setInputFiles(
        csv(
          'create,suzuki,鈴木 一郎,call_center;viewer,Madoguchi 2026,0',
          'create,takahashi,髙橋 次郎,ledger,Madoguchi 2026,0',
          'update,admin,,,,',
        ),
      );
    expect(await page.getByRole('heading', { name: '誤りのある行' }).count(), 'a new file clears the old answer').toBe(
      0,
    );
    await page.getByRole('button', { name: '内容を確認する' }).press('Enter');
    await page.getByRole('heading', { name: '確認結果' }).waitFor();
    const preview = await rows(page, page.getByRole('table', { name: '反映する内容（行ごと）' }));
    expect(preview).toEqual([
      ['2', '追加', 'suzuki', '設定する'],
      ['3', '追加', 'takahashi', '設定する'],
      ['4', '変更なし', 'admin', ''],
    ]);
    expect(
      await page.getByRole('status').filter({ hasText: '追加 2 件、変更 0 件、削除 0 件、変更なし 1 件' }).count(),
    ).toBe(1);
    await expectAccessible(page, 'import preview');
    await screenshot(page, 'users-import-preview');

    // Nothing changed yet.
    await page.getByRole('button', { name: 'この内容で反映する' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('反映しました。追加 2 件');
    await page.getByRole('link', { name: '職員ユーザー一覧を見る' }).click();
    await expect
      .poll(async () => (await rows(page)).map((r) => r[0]))
      .toEqual(['admin', 'callcenter', 'ledger', 'suzuki', 'takahashi']);
    const suzuki = (await rows(page)).find((r) => r[0] === 'suzuki');
    expect(suzuki?.slice(1, 4)).toEqual(['鈴木 一郎', 'コールセンター、閲覧', '有効']);
  }, 60_000);

  it('an administrator creates a user with the form, who can then sign in; a taken login ID is explained beside the field', async () => {
    const page = admin;
    await openUsers(page);
    await page.getByRole('link', { name: '新規作成' }).click();
    await expect.poll(() => heading(page)).toBe('職員ユーザーの新規作成');

    // An empty form names each problem and moves focus to the summary.
    await page.getByRole('button', { name: '作成する' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByRole('alert').textContent()).toContain('権限: 権限を1つ以上選んでください。');

    await page.getByLabel('ログインID').fill('ledger');
    await page.getByLabel('氏名').fill('木村 四郎');
    await page.getByRole('checkbox', { name: 'コールセンター' }).check();
    await page.getByLabel('初期パスワード', { exact: true }).fill('Madoguchi 2026');
    await page.getByLabel('初期パスワード（確認）').fill('Madoguchi 2026');
    await page.getByLabel('初期パスワード（確認）').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('このログインIDはすでに使われています');
    expect(await page.getByLabel('ログインID').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'user form with errors');
    await screenshot(page, 'users-form');

    await page.getByLabel('ログインID').fill('kimura');
    await page.getByLabel('初期パスワード', { exact: true }).fill('Madoguchi 2026');
    await page.getByLabel('初期パスワード（確認）').fill('Madoguchi 2026');
    await page.getByRole('button', { name: '作成する' }).click();
    await expect.poll(() => heading(page)).toBe('職員ユーザー');
    expect(await page.getByRole('status').first().textContent()).toBe('職員ユーザー「kimura」を作成しました。');
    await expect
      .poll(async () => (await rows(page)).find((r) => r[0] === 'kimura')?.slice(1, 4))
      .toEqual(['木村 四郎', 'コールセンター', '有効']);

    // The new clerk signs in on another laptop and sees the call-center menu.
    const clerk = await newPage(browser);
    await signIn(clerk, baseUrl, 'kimura', 'Madoguchi 2026');
    const menu = await clerk.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link').allTextContents();
    expect(menu).toEqual(['ホーム', '予約管理（代行予約）', '窓口受付']);
    await clerk.context().close();

    // The edit form shows the user; the administrator cannot lock themselves out.
    await page.getByRole('link', { name: '木村 四郎（kimura）を編集' }).click();
    await expect.poll(() => heading(page)).toBe('職員ユーザーの編集');
    expect(await page.getByRole('checkbox', { name: 'コールセンター' }).isChecked()).toBe(true);
    await expectAccessible(page, 'user edit form');
    await screenshot(page, 'users-edit');
  }, 60_000);

  it('the audit log shows the import and the creation, and the action filter narrows it', async () => {
    const page = admin;
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '操作ログ' }).click();
    await expect.poll(() => heading(page)).toBe('操作ログ');
    await page.getByRole('table').waitFor();
    const all = await rows(page);
    const actions = all.map((r) => r[2]);
    expect(actions).toContain('職員ユーザーCSV一括登録');
    expect(actions).toContain('職員ユーザー追加');
    expect(actions).toContain('ログイン');
    const created = all.find((r) => r[2] === '職員ユーザー追加' && r[3] === '職員 kimura');
    expect(created?.[1]).toBe('admin');
    expect(created?.[4]).toBe('127.0.0.1');
    expect(created?.[5]).toBe('成功');
    expect(created?.[0]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);

    await page.getByLabel('操作', { exact: true }).selectOption('user.import');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect.poll(async () => (await rows(page)).map((r) => r[2])).toEqual(['職員ユーザーCSV一括登録']);
    expect((await rows(page))[0]?.[3]).toBe('職員（追加 2・変更 0・削除 0）');
    expect(page.url()).toContain('action=user.import');

    await page.getByLabel('操作', { exact: true }).selectOption('user.');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect
      .poll(async () =>
        (await rows(page)).every((r) => r[2]?.startsWith('職員ユーザー') || r[2] === 'パスワード再設定'),
      )
      .toBe(true);
    await expect.poll(async () => (await rows(page)).length).toBeGreaterThanOrEqual(5);
    await expectAccessible(page, 'audit log');
    await screenshot(page, 'audit-log-filtered');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV出力' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('audit_log.csv');
  });

  // Last: its unlock would be one more row of the 職員ユーザー filter above.
  it('a user locked by wrong passwords shows until when, and the administrator unlocks at once', async () => {
    const signInAs = (password: string) =>
      fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tenant: 'demo', login_id: 'ledger', password }),
      });
    for (let attempt = 1; attempt <= 5; attempt += 1) await signInAs(`wrong password ${attempt}`);
    const locked = await signInAs('madoguchi-demo');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);

    const page = admin;
    // Afresh: the list read a moment ago is still taken as current (30 s).
    await page.goto(`${baseUrl}/staff/users`);
    await page.getByRole('table').waitFor();
    const until = /^ロック中（(\d{1,2}\/\d{1,2} )?\d{2}:\d{2} まで）$/;
    await expect.poll(async () => (await rows(page)).find((r) => r[0] === 'ledger')?.[3]).toMatch(until);
    await screenshot(page, 'users-locked');

    await page.getByRole('link', { name: /（ledger）を編集/ }).click();
    await expect.poll(() => heading(page)).toBe('職員ユーザーの編集');
    // The panel is named by its heading, which says until when.
    const panel = page.getByRole('region', { name: until });
    await expect.poll(() => panel.getByRole('button', { name: 'ロックを解除する' }).count()).toBe(1);
    await expectAccessible(page, 'locked user');
    await page.getByRole('button', { name: 'ロックを解除する' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'ロックを解除しました。' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'ロックを解除する' }).count()).toBe(0);
    expect((await signInAs('madoguchi-demo')).status).toBe(200);
  });
});
