// Site, notices and settings, as an administrator would use them, against the real server.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function adminPage(path: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, baseUrl, 'admin');
  await page.goto(`${baseUrl}/staff${path}`);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** An administrator's token, to check and restore through the API. */
async function adminToken(): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: 'admin', password: 'madoguchi-demo' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function adminApi(method: string, path: string, body?: unknown): Promise<Response> {
  const token = await adminToken();
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const publicJson = async <T>(path: string): Promise<T> =>
  (await fetch(`${baseUrl}/api/v1/public/demo/${path}`)).json() as Promise<T>;

/** The text of the error tied to a control by aria-describedby. */
async function errorBeside(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  const described = (await control.getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((id) => id.endsWith('-error'));
  return errorId ? ((await page.locator(`[id="${errorId}"]`).textContent()) ?? '') : '';
}

describe('site settings (admin)', () => {
  it('closes the site with a message residents then see, and opens it again', async () => {
    const page = await adminPage('/settings/site');
    const message = 'システム更新のため、12月1日まで予約を停止しています。\n<b>お急ぎの方</b>は窓口へ。';
    try {
      await expect.poll(() => h1(page)).toBe('サイトとお知らせ');
      const toggle = page.getByRole('switch', { name: '予約サイトを公開する' });
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
      expect(await page.getByText('公開中', { exact: true }).count()).toBe(1);
      await expectAccessible(page, 'overview');
      await screenshot(page, 'settings-site');

      // Keyboard only: the switch asks first, with the message to show.
      await toggle.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '予約サイトを停止しますか' });
      await dialog.waitFor();
      const field = dialog.getByLabel('停止中に表示するメッセージ');
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      await field.fill(message);
      await expectAccessible(page, 'close dialog');
      await screenshot(page, 'settings-site-close-dialog');
      await dialog.getByRole('button', { name: '停止する' }).click();

      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '予約サイトを停止しました。' }).count())
        .toBe(1);
      const closed = await publicJson<{ public: boolean; closed_message: string }>('site');
      expect(closed).toMatchObject({ public: false, closed_message: message });
      // What residents see, as text: the tag shows as typed.
      const shown = page.locator('.site-settings-closed-message');
      expect(await shown.innerText()).toBe(message);
      expect(await shown.locator('b').count()).toBe(0);
      await screenshot(page, 'settings-site-closed');

      await toggle.click();
      const reopen = page.getByRole('dialog', { name: '予約サイトを公開しますか' });
      await reopen.getByRole('button', { name: '公開する' }).click();
      await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
      expect((await publicJson<{ public: boolean }>('site')).public).toBe(true);

      // The sections are one link away.
      await page.getByRole('link', { name: 'メールの文面' }).click();
      await expect.poll(() => h1(page)).toBe('メールの文面');
      await page.getByRole('link', { name: 'サイトとお知らせ' }).click();
      await page.getByRole('link', { name: 'お知らせとよくある質問' }).click();
      await expect.poll(() => h1(page)).toBe('お知らせとよくある質問');
    } finally {
      await adminApi('PATCH', '/api/v1/admin/settings', { site_public: true, closed_message: '' });
      await page.context().close();
    }
    expect((await publicJson<{ public: boolean }>('site')).public).toBe(true);
  });

  it('writes an announcement shown literally, and reorders the FAQ', async () => {
    const page = await adminPage('/settings/site/notices');
    const title = 'テスト用のお知らせ <b>重要</b>';
    const body = '1行目に <b>太字</b> と書きました。\n2行目です。';
    let faqOrder: string[] = [];
    try {
      await expect.poll(() => h1(page)).toBe('お知らせとよくある質問');
      await page.getByRole('tab', { name: 'お知らせ' }).waitFor();
      await page.getByRole('link', { name: 'お知らせを作成' }).click();
      await expect.poll(() => h1(page)).toBe('お知らせの作成');
      await page.getByLabel('タイトル', { exact: true }).fill(title);
      await page.getByLabel('本文', { exact: true }).fill(body);

      const preview = page.getByTestId('notice-preview');
      expect(await preview.getByRole('heading', { level: 3 }).textContent()).toBe(title);
      const previewBody = preview.locator('.site-settings-resident-body');
      expect(await previewBody.innerText()).toBe(body);
      expect(await previewBody.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
      expect(await preview.locator('b').count()).toBe(0);
      await expectAccessible(page, 'notice editor');
      await screenshot(page, 'settings-notices-edit');

      // Enter in the title submits.
      await page.getByLabel('タイトル', { exact: true }).press('Enter');
      await expect.poll(() => h1(page)).toBe('お知らせとよくある質問');
      await expect.poll(() => page.getByRole('status').filter({ hasText: '作成しました。' }).count()).toBe(1);
      expect(await page.getByRole('rowheader', { name: title }).count()).toBe(1);
      const announcements = await publicJson<{ title: string; body: string }[]>('announcements');
      expect(announcements.find((a) => a.title === title)?.body).toBe(body);
      await expectAccessible(page, 'notices list');
      await screenshot(page, 'settings-notices');

      // FAQ: move the first question down a place, with the keyboard.
      await page.getByRole('tab', { name: 'よくある質問' }).click();
      await page.getByRole('link', { name: 'よくある質問を作成' }).waitFor();
      const questions = () => page.getByRole('rowheader').allTextContents();
      await expect.poll(async () => (await questions()).length).toBe(3);
      faqOrder = await questions();
      const first = faqOrder[0] ?? '';
      await page.getByRole('button', { name: `「${first}」を下へ移動` }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(questions).toEqual([faqOrder[1], faqOrder[0], faqOrder[2]]);
      // Focus stays on the moved entry.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        `「${first}」を下へ移動`,
      );
      await expect
        .poll(async () => (await publicJson<{ title: string }[]>('faq')).map((f) => f.title))
        .toEqual([faqOrder[1], faqOrder[0], faqOrder[2]]);
      await expectAccessible(page, 'faq list');
      await screenshot(page, 'settings-notices-faq');

      // Delete the announcement, after confirming.
      await page.getByRole('tab', { name: 'お知らせ' }).click();
      await page.getByRole('button', { name: `「${title}」を削除` }).click();
      const dialog = page.getByRole('dialog', { name: '削除しますか' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('キャンセル');
      await dialog.getByRole('button', { name: '削除する' }).click();
      await expect.poll(() => page.getByRole('rowheader', { name: title }).count()).toBe(0);
      expect((await publicJson<{ title: string }[]>('announcements')).some((a) => a.title === title)).toBe(false);
    } finally {
      const faq = (await (await adminApi('GET', '/api/v1/admin/notices?kind=faq')).json()) as {
        id: string;
        title: string;
      }[];
      if (faqOrder.length === 3) {
        const ids = faqOrder.map((q) => faq.find((f) => f.title === q)?.id).filter((id): id is string => Boolean(id));
        await adminApi('PUT', '/api/v1/admin/notices/order', { kind: 'faq', ids });
      }
      const list = (await (await adminApi('GET', '/api/v1/admin/notices?kind=announcement')).json()) as {
        id: string;
        title: string;
      }[];
      for (const left of list.filter((n) => n.title === title))
        await adminApi('DELETE', `/api/v1/admin/notices/${left.id}`);
      await page.context().close();
    }
  });

  it('previews a confirmation mail with a new subject, refuses a bad placeholder, and sends a test', async () => {
    const page = await adminPage('/settings/site/mail');
    try {
      await expect.poll(() => h1(page)).toBe('メールの文面');
      await expect.poll(() => page.getByRole('tab', { name: '予約受付' }).getAttribute('aria-selected')).toBe('true');
      const subject = page.getByLabel('件名', { exact: true });
      await subject.fill('【{service_name}】予約を受け付けました（受付番号 ');
      // The placeholder goes in at the cursor (end of the subject).
      await subject.press('End');
      await page.getByRole('button', { name: /^\{reception_number\}/ }).click();
      await expect
        .poll(() => subject.inputValue())
        .toBe('【{service_name}】予約を受け付けました（受付番号 {reception_number}');
      await subject.press('End');
      await subject.pressSequentially('）');
      await page.getByRole('button', { name: 'プレビュー', exact: true }).click();
      const preview = page.getByTestId('mail-preview');
      await expect
        .poll(() => preview.locator('.site-settings-preview-subject').textContent())
        .toBe('【デモ市 マイナンバーカード窓口予約】予約を受け付けました（受付番号 1234567897）');
      expect(await preview.locator('.site-settings-preview-body').textContent()).not.toContain('{reception_number}');
      await expectAccessible(page, 'mail templates');
      await screenshot(page, 'settings-mail');

      // A placeholder that does not exist is refused, named beside the subject.
      await subject.fill('{nmae} 様 予約を受け付けました');
      await page.getByRole('button', { name: 'プレビュー', exact: true }).click();
      await expect
        .poll(() => errorBeside(page, '件名'))
        .toBe('{nmae} は使えない差し込み項目です。一覧にある項目を使ってください。');
      expect(await subject.getAttribute('aria-invalid')).toBe('true');
      // The server refuses it too.
      const refused = await adminApi('POST', '/api/v1/admin/settings/mail-templates/confirmation/preview', {
        subject: '{nmae}',
        body: '{reception_number} {password}',
      });
      expect(refused.status).toBe(422);
      expect(JSON.stringify(await refused.json())).toContain('template.unknown_placeholder');
      await expectAccessible(page, 'mail template error');

      // Save, send a test, and go back to the default wording.
      await subject.fill('【{service_name}】予約受付 {reception_number}');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '予約受付のメールの文面を保存しました。' }).count())
        .toBe(1);
      await page.getByLabel('送信先のメールアドレス').fill('clerk@example.jp');
      await page.getByRole('button', { name: 'テスト送信する' }).click();
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: 'clerk@example.jp あてのテストメールを送信待ちに入れました' })
            .count(),
        )
        .toBe(1);
      await page.getByRole('button', { name: '既定の文面に戻す' }).click();
      await page
        .getByRole('dialog', { name: '既定の文面に戻しますか' })
        .getByRole('button', { name: '既定に戻す' })
        .click();
      await expect.poll(() => page.getByText('既定の文面を使用中').count()).toBe(1);
      expect(await subject.inputValue()).not.toContain('予約受付 {reception_number}');
    } finally {
      await adminApi('DELETE', '/api/v1/admin/settings/mail-templates/confirmation');
      await page.context().close();
    }
  });

  it('names an out-of-range setting beside its field, and explains a stale form', async () => {
    const page = await adminPage('/settings/site/general');
    try {
      await expect.poll(() => h1(page)).toBe('基本設定とロゴ');
      const threshold = page.getByLabel('アカウントをロックするまでの誤入力回数', { exact: true });
      await expect.poll(() => threshold.inputValue()).toBe('5');
      await expectAccessible(page, 'general settings');
      await screenshot(page, 'settings-general');

      await threshold.fill('99');
      await threshold.press('Enter');
      await expect
        .poll(() => errorBeside(page, 'アカウントをロックするまでの誤入力回数'))
        .toBe('1〜20 の範囲で入力してください。');
      expect(await threshold.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      await expectAccessible(page, 'general settings with an error');
      await screenshot(page, 'settings-general-error');
      const stored = (await (await adminApi('GET', '/api/v1/admin/settings')).json()) as { lockout_threshold: number };
      expect(stored.lockout_threshold).toBe(5);

      // Another administrator saves meanwhile: this form's save is refused and explained.
      await adminApi('PATCH', '/api/v1/admin/settings', { lockout_threshold: 6 });
      await threshold.fill('4');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'ほかの管理者が先に変更しました' }).count())
        .toBe(1);
      await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
      await expect.poll(() => threshold.inputValue()).toBe('6');
    } finally {
      await adminApi('PATCH', '/api/v1/admin/settings', { lockout_threshold: 5 });
      await page.context().close();
    }
  });

  it('sets how long a sign-in stays locked, next to the number of wrong passwords', async () => {
    const page = await adminPage('/settings/site/general');
    try {
      await expect.poll(() => h1(page)).toBe('基本設定とロゴ');
      const minutes = page.getByLabel('ロックする時間（分）', { exact: true });
      await expect.poll(() => minutes.inputValue()).toBe('15');
      const group = page.getByRole('group', { name: 'パスワードとロック' });
      expect(await group.textContent()).toContain(
        '続けて誤入力があると、ロックのたびに倍になります（最長24時間）。1〜1440 分。',
      );
      expect(await group.textContent()).toContain(
        '続けてこの回数パスワードを間違えると、一定時間ログインできなくなります。',
      );

      await minutes.fill('1441');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => errorBeside(page, 'ロックする時間（分）')).toBe('1〜1440 の範囲で入力してください。');

      await minutes.fill('30');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);
      const stored = (await (await adminApi('GET', '/api/v1/admin/settings')).json()) as { lockout_minutes: number };
      expect(stored.lockout_minutes).toBe(30);
    } finally {
      await adminApi('PATCH', '/api/v1/admin/settings', { lockout_minutes: 15 });
      await page.context().close();
    }
  });

  it("saves the residents' help line, refusing a phone number that is not one, and residents get it", async () => {
    const page = await adminPage('/settings/site/general');
    const site = () => publicJson<{ contact: { phone: string; hours: string } }>('site');
    const before = (await site()).contact;
    try {
      await expect.poll(() => h1(page)).toBe('基本設定とロゴ');
      const group = page.getByRole('group', { name: '住民向けのお問い合わせ先' });
      expect(await group.textContent()).toContain(
        '予約サイトのすべてのページと、住民の方へ送るすべてのメールに表示されます。',
      );
      const phone = page.getByLabel('お問い合わせ先の電話番号', { exact: true });
      const hours = page.getByLabel('お問い合わせの受付時間', { exact: true });
      await expect.poll(() => phone.inputValue()).toBe(before.phone);

      await phone.fill('042-12');
      await hours.fill('平日 8:30〜17:15（土日祝を除く）');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(() => errorBeside(page, 'お問い合わせ先の電話番号'))
        .toBe('0 から始まる 10〜11 桁の電話番号を入力してください（ハイフンは入れても入れなくてもかまいません）。');
      expect(await phone.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'general settings with a wrong phone');
      await screenshot(page, 'settings-contact-error');
      expect((await site()).contact).toEqual(before);

      // Full-width, as a clerk may type it: residents read it half-width, grouped as written.
      await phone.fill('０４２２－１２－３４５６');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);
      await expect.poll(() => phone.inputValue()).toBe('0422-12-3456');
      expect(await phone.getAttribute('aria-invalid')).toBeNull();
      expect((await site()).contact).toEqual({ phone: '0422-12-3456', hours: '平日 8:30〜17:15（土日祝を除く）' });
      await expectAccessible(page, 'general settings with the help line');
      await screenshot(page, 'settings-contact');
    } finally {
      await adminApi('PATCH', '/api/v1/admin/settings', { contact_phone: before.phone, contact_hours: before.hours });
      await page.context().close();
    }
    expect((await site()).contact).toEqual(before);
  });

  it('uploads a logo, refuses a file that is not an image, and removes it', async () => {
    const page = await adminPage('/settings/site/general');
    // The smallest valid PNG: a 1×1 transparent pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
      'base64',
    );
    try {
      await expect.poll(() => h1(page)).toBe('基本設定とロゴ');
      const file = page.getByLabel('ロゴの画像ファイル');
      await file.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') });
      await page.getByRole('button', { name: 'アップロードする' }).click();
      await expect
        .poll(() => errorBeside(page, 'ロゴの画像ファイル'))
        .toBe('PNG・JPEG・WebP 形式の画像を選んでください。');

      await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
      await page.getByRole('button', { name: 'アップロードする' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'ロゴを変更しました。' }).count()).toBe(1);
      await expect
        .poll(() =>
          page
            .getByRole('img', { name: '現在のロゴ' })
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
        )
        .toBe(1);
      expect((await publicJson<{ has_logo: boolean }>('site')).has_logo).toBe(true);
      // The header shows it too, without signing in again.
      await expect.poll(() => page.locator('header img').count()).toBe(1);
      await expectAccessible(page, 'logo');
      await screenshot(page, 'settings-logo');

      await page.getByRole('button', { name: 'ロゴを削除' }).click();
      await page.getByRole('dialog', { name: 'ロゴを削除しますか' }).getByRole('button', { name: '削除する' }).click();
      await expect.poll(() => page.getByText('ロゴは設定されていません。').count()).toBe(1);
      expect((await publicJson<{ has_logo: boolean }>('site')).has_logo).toBe(false);
    } finally {
      await adminApi('DELETE', '/api/v1/admin/settings/logo');
      await page.context().close();
    }
  });
});
