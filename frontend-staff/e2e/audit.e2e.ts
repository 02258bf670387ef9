// 操作ログ as an administrator reads it: each target named as what it is (窓口 南支所,
// 職員 admin), the time in Japan time on a laptop set to another zone, and what a change
// of the settings changed, as 項目: before → after.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, LAPTOP, launch, screenshot, signIn } from './browser';
import { pinClock } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function adminApi(method: string, path: string, body?: unknown): Promise<Response> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: 'admin', password: 'madoguchi-demo' }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${access_token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** `2026年12月6日 14:05:09`: an instant read in Japan time, worked out here without the app's helpers. */
function japanTime(instant: string): string {
  const japan = new Date(Date.parse(instant) + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${japan.getUTCFullYear()}年${japan.getUTCMonth() + 1}月${japan.getUTCDate()}日 ` +
    `${pad(japan.getUTCHours())}:${pad(japan.getUTCMinutes())}:${pad(japan.getUTCSeconds())}`
  );
}

/** The cells of each body row of the log, as text. */
async function rows(page: Page): Promise<string[][]> {
  return page
    .locator('table.audit-table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll(':scope > th, :scope > td')].map((c) => (c.textContent ?? '').trim())),
    );
}

describe('the audit log', () => {
  it('names targets as what they are, in Japan time on a laptop set elsewhere, with what a setting change changed', async () => {
    // A counter added meanwhile by another administrator.
    const created = await adminApi('POST', '/api/v1/admin/locations', { name: '南支所', address: 'デモ市南町1-1' });
    expect(created.status, await created.clone().text()).toBe(201);

    // And a call-center clerk given the viewer's role too.
    const users = (await (await adminApi('GET', '/api/v1/admin/users?q=callcenter')).json()) as {
      items: { id: string; login_id: string; roles: string[]; version: number }[];
    };
    const clerk = users.items.find((u) => u.login_id === 'callcenter')!;
    const changed = await adminApi('PATCH', `/api/v1/admin/users/${clerk.id}`, {
      roles: [...clerk.roles, 'viewer'],
      version: clerk.version,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);

    // A clerk's laptop left on New York time: the log still reads Japan time.
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'ja-JP', timezoneId: 'America/New_York' });
    await pinClock(context);
    const page = await context.newPage();
    try {
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
      await signIn(page, baseUrl, 'admin');

      // The help line's phone number changed through the settings form.
      await page.goto(`${baseUrl}/staff/settings/site/general`);
      const phone = page.getByLabel('お問い合わせ先の電話番号', { exact: true });
      await expect.poll(() => phone.inputValue()).toBe('000-0000-0000');
      await phone.fill('0422-12-3456');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);

      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '操作ログ' }).click();
      await page.locator('table.audit-table').waitFor();
      const all = await rows(page);

      const setting = all.find((r) => r[2] === '設定変更');
      expect(setting?.[3]).toBe('設定');
      expect(setting?.[6]).toContain('お問い合わせ先の電話番号: 000-0000-0000 → 0422-12-3456');
      // Only what changed: the form sent every field.
      expect(setting?.[6]).not.toContain('サービス名');
      expect(all.find((r) => r[2] === '場所追加')?.[3]).toBe('窓口 南支所');
      expect(all.find((r) => r[2] === 'ログイン')?.[3]).toBe('職員 admin');
      const user = all.find((r) => r[2] === '職員ユーザー変更');
      expect(user?.[3]).toBe('職員 callcenter');
      expect(user?.[6]).toContain('権限: コールセンター → コールセンター、閲覧');

      // The time as recorded, in Japan time.
      const log = (await (await adminApi('GET', '/api/v1/admin/audit-log?action=settings.update')).json()) as {
        items: { occurred_at: string }[];
      };
      expect(setting?.[0]).toBe(japanTime(log.items[0]!.occurred_at));

      // The codes as recorded are one click away.
      const row = page.locator('table.audit-table tbody tr').filter({ hasText: '設定変更' });
      await row.getByText('種類とID').click();
      await expect.poll(() => row.locator('.audit-raw dl').isVisible()).toBe(true);
      expect(await row.locator('.audit-raw dl').innerText()).toContain('tenant_settings');

      // Excel is offered beside CSV, without an encoding to choose.
      expect(await page.getByLabel('文字コード', { exact: true }).count()).toBe(1);
      await page.getByLabel('ファイル形式').selectOption('xlsx');
      expect(await page.getByLabel('文字コード', { exact: true }).count()).toBe(0);
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Excel出力' }).click(),
      ]);
      expect(file.suggestedFilename()).toBe('audit_log.xlsx');

      await expectAccessible(page, 'audit log');
      await screenshot(page, 'audit-log');
    } finally {
      await adminApi('PATCH', '/api/v1/admin/settings', { contact_phone: '000-0000-0000' });
      await context.close();
    }
  });
});
