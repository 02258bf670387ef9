// The call center's work on one booking when the resident calls back: a name misheard
// is corrected (a faulty reading refused beside its field first, the person holding
// another booking refused as such), the history saying what was before and after; a lost
// password is reissued, shown in two groups to read out, the old one refused by the
// residents' look-up and the new one accepted. The search finds a booking by its phone
// number as it is read out and by a birth date in 和暦, and 高 finds 髙.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, todayInTokyo } from '../../frontend-shared/dates/japan';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;
let token = '';

interface Booking {
  reception_number: string;
  version: number;
  applicants: { name?: string | null; name_kana?: string | null; birth_date?: string | null }[];
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The residents' look-up with a reception number and a password: its HTTP status. */
async function lookUp(receptionNumber: string, password: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/public/demo/bookings/lookup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reception_number: receptionNumber, password }),
  });
  return response.status;
}

const booked = { number: '', password: '' };

/** A booking for マイナンバーカード交付 at 本庁舎 in the coming weeks, by the API: its number and password. */
async function book(applicant: { name: string; name_kana: string; birth_date: string }, phone: string, email?: string) {
  const locations = (await api<{ id: string; name: string }[]>('GET', '/api/v1/public/demo/locations')).body;
  const location = locations.find((l) => l.name === '本庁舎')!.id;
  const procedures = (await api<{ id: string; name: string }[]>('GET', '/api/v1/public/demo/procedures')).body;
  const issuance = procedures.find((p) => p.name === 'マイナンバーカード交付')!.id;
  const today = todayInTokyo(now());
  const calendar = await api<{
    pools: { procedure_ids: string[]; days: { slots: { start: string; remaining: number }[] }[] }[];
  }>('GET', `/api/v1/bookings/calendar?location_id=${location}&from=${addDays(today, 2)}&to=${addDays(today, 40)}`);
  const slot = calendar.body.pools
    .find((pool) => pool.procedure_ids.includes(issuance))!
    .days.flatMap((day) => day.slots)
    .find((s) => s.remaining > 0)!;
  const created = await api<{ reception_number: string; password: string }>('POST', '/api/v1/bookings', {
    location_id: location,
    procedure_id: issuance,
    start: slot.start,
    without_letter: true,
    applicants: [applicant],
    phone,
    ...(email ? { email } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

beforeAll(async () => {
  browser = await launch();
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: 'admin', password: 'madoguchi-demo' }),
  });
  token = ((await login.json()) as { access_token: string }).access_token;
  const created = await book(
    { name: '山崎 太郎', name_kana: 'ヤマザキ タロウ', birth_date: '1975-04-01' },
    '09011112222',
    'taro@example.jp',
  );
  booked.number = created.reception_number;
  booked.password = created.password;
  // The same person by birth date and phone would be 山崎 次郎's booking: a correction to his number is refused.
  await book({ name: '山崎 次郎', name_kana: 'ヤマザキ ジロウ', birth_date: '1975-04-01' }, '09033334444');
});
afterAll(async () => {
  await browser?.close();
});

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

async function openDetails(page: Page, number: string): Promise<void> {
  await page.goto(`${baseUrl}/staff/bookings/${number}`);
  await expect.poll(() => heading(page).textContent()).toBe(`予約の詳細受付番号 ${number}`);
  await page.getByRole('table', { name: '履歴' }).waitFor();
}

/** The text of the history row whose 操作 is `action`. */
function historyRow(page: Page, action: string) {
  return page
    .getByRole('table', { name: '履歴' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: action, exact: true }) });
}

describe('申込者情報の訂正', () => {
  it('refuses a faulty reading beside its field, then corrects the name; the history says before and after', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'callcenter');
    await openDetails(page, booked.number);
    await page.getByRole('link', { name: '申込者情報を訂正' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('申込者情報の訂正');

    // The form starts from the booking, the phone as it is read out.
    const name = page.getByRole('textbox', { name: '氏名', exact: true });
    const kana = page.getByRole('textbox', { name: 'フリガナ', exact: true });
    const phone = page.getByRole('textbox', { name: '電話番号' });
    await expect.poll(() => name.inputValue()).toBe('山崎 太郎');
    expect(await kana.inputValue()).toBe('ヤマザキ タロウ');
    expect(await phone.inputValue()).toBe('090-1111-2222');
    expect(await page.getByRole('textbox', { name: 'メールアドレス' }).inputValue()).toBe('taro@example.jp');

    // A reading with a digit in it, and no reason: both named, each beside its field.
    await name.fill('山﨑 太郎');
    await kana.fill('ヤマサキ1');
    await page.getByRole('button', { name: '訂正する' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await expect.poll(() => summary.textContent()).toContain('フリガナ: カタカナで入力してください。');
    expect(await summary.textContent()).toContain('訂正の理由: 訂正の理由を入力してください。');
    expect(await kana.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#counter-applicants-0-name_kana-error').textContent()).toBe(
      'カタカナで入力してください。',
    );
    expect(await name.getAttribute('aria-invalid'), 'the name itself is fine').toBeNull();
    await expectAccessible(page, 'correction with errors');
    await screenshot(page, 'booking-correct-errors');

    // Another person's number: the server finds that person's booking and says so.
    await kana.fill('やまさき たろう');
    await phone.fill('090-3333-4444');
    await page.getByRole('textbox', { name: '訂正の理由' }).fill('電話で聞き違い');
    await page.getByRole('button', { name: '訂正する' }).click();
    await expect.poll(() => summary.textContent()).toContain('訂正後の方は、この手続きの予約をすでにお持ちです。');

    // The number as it was: the name and reading go through.
    await phone.fill('09011112222');
    await expect
      .poll(() => page.getByText('登録中: 山崎 太郎（訂正します）').count(), { message: 'the change is marked' })
      .toBe(1);
    await screenshot(page, 'booking-correct');
    await page.getByRole('button', { name: '訂正する' }).click();
    await page.getByRole('status').filter({ hasText: '申込者情報を訂正しました。' }).waitFor();
    // The refreshed booking, with the new name.
    expect(await page.locator('.counter-summary').textContent()).toContain('山﨑 太郎');
    expect(await page.locator('.counter-summary').textContent()).toContain('ヤマサキ タロウ');
    await expectAccessible(page, 'correction done');

    await page.getByRole('link', { name: '予約の詳細へ戻る' }).click();
    await page.getByRole('table', { name: '履歴' }).waitFor();
    const corrected = historyRow(page, '訂正');
    await expect.poll(() => corrected.textContent()).toContain('氏名 山崎 太郎 → 山﨑 太郎');
    expect(await corrected.textContent()).toContain('フリガナ ヤマザキ タロウ → ヤマサキ タロウ');
    expect(await corrected.textContent()).toContain('理由: 電話で聞き違い');
    expect(await corrected.textContent(), 'the phone did not change').not.toContain('電話番号');
    expect(await corrected.textContent()).toContain('callcenter');
    const applicants = page.getByRole('table', { name: '申請者（1名）' });
    expect(await applicants.textContent()).toContain('山﨑 太郎');
    await page.context().close();
  });
});

describe('パスワード再発行', () => {
  it('asks first, shows the new password in two groups of five, and only the new one opens the booking', async () => {
    const page = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await signIn(page, baseUrl, 'callcenter');
    await openDetails(page, booked.number);
    expect(await lookUp(booked.number, booked.password), 'the password given at booking works').toBe(200);

    await page.getByRole('button', { name: 'パスワード再発行' }).click();
    const dialog = page.getByRole('dialog', { name: 'パスワードを再発行しますか' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('いまのパスワードは使えなくなり');
    expect(await dialog.textContent()).toContain('taro@example.jp');
    await dialog.getByRole('textbox', { name: '再発行の理由（任意）' }).fill('本人から電話、パスワード紛失');
    await expectAccessible(page, 'password reissue question');
    await dialog.getByRole('button', { name: '再発行する' }).click();

    const panel = page.getByRole('region', { name: '新しいパスワード' });
    await panel.waitFor();
    const shown = page.getByTestId('reissued-password');
    const password = (await shown.textContent()) ?? '';
    expect(password, 'ten characters of the unmistakable alphabet').toMatch(/^[34679ACDEFGHJKLMNPQRTUVWXY]{10}$/);
    expect(await shown.locator('.bookings-password-group').allTextContents()).toEqual([
      password.slice(0, 5),
      password.slice(5),
    ]);
    // The groups stand apart on the screen.
    const [first, second] = await shown
      .locator('.bookings-password-group')
      .evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect()));
    expect(second!.left - first!.right).toBeGreaterThan(10);
    expect(await panel.textContent()).toContain('メールでもお送りしました。');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { message: 'focus on the new password' })
      .toBe('新しいパスワード');

    // Copying gives the ten characters, without the gap.
    await panel.getByRole('button', { name: 'パスワードをコピー' }).click();
    await panel.getByText('コピーしました（区切りなしの10文字）。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

    // The residents' look-up: the old password no longer opens the booking, the new one does.
    expect(await lookUp(booked.number, booked.password), 'the old password').toBe(404);
    expect(await lookUp(booked.number, password), 'the new password').toBe(200);
    // Read out in groups, typed with a space or a hyphen, it is the same password.
    expect(await lookUp(booked.number, `${password.slice(0, 5)}-${password.slice(5)}`)).toBe(200);

    await expectAccessible(page, 'password reissued');
    await screenshot(page, 'booking-password-reissued');
    const reissued = historyRow(page, 'パスワード再発行');
    await expect.poll(() => reissued.textContent()).toContain('理由: 本人から電話、パスワード紛失');

    await panel.getByRole('button', { name: '表示を閉じる' }).click();
    expect(await page.getByTestId('reissued-password').count(), 'gone from the screen').toBe(0);
    await page.context().close();
  });

  it('says to tell the password by voice when the booking has no mail address', async () => {
    const demo = await api<{ items: Booking[] }>('GET', '/api/v1/bookings?phone=0300000005');
    const number = demo.body.items[0]!.reception_number;
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'admin');
    await openDetails(page, number);
    await page.getByRole('button', { name: 'パスワード再発行' }).click();
    const dialog = page.getByRole('dialog', { name: 'パスワードを再発行しますか' });
    expect(await dialog.textContent()).toContain('新しいパスワードは口頭でお伝えください。');
    await dialog.getByRole('button', { name: '再発行する' }).click();
    const panel = page.getByRole('region', { name: '新しいパスワード' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('メールアドレスがないため、口頭でお伝えください。');
    expect(await lookUp(number, 'madoguchi-demo'), 'the demo password is gone').toBe(404);
    expect(await lookUp(number, (await page.getByTestId('reissued-password').textContent()) ?? '')).toBe(200);
    await page.context().close();
  });

  it('is not offered to a viewer', async () => {
    const viewer = await api('POST', '/api/v1/admin/users', {
      login_id: 'etsuran',
      name: '閲覧 職員',
      password: 'Kakunin-Only-2026!',
      roles: ['viewer'],
    });
    expect(viewer.status, JSON.stringify(viewer.body)).toBe(201);
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'etsuran', 'Kakunin-Only-2026!');
    await openDetails(page, booked.number);
    expect(await page.getByRole('button', { name: 'パスワード再発行' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '申込者情報を訂正' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('予約の検索: 電話番号と生年月日', () => {
  it('finds a booking by its phone number as read out and by a birth date in 和暦; 高 finds 髙', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'callcenter');
    await page.goto(`${baseUrl}/staff/bookings?tab=search`);
    await expect.poll(() => page.getByText('異体字（髙・﨑・邊など）も探します').count()).toBe(1);
    const results = page.locator('.bookings-results table');
    const numbers = () => results.locator('tbody th').allTextContents();

    // The phone as a clerk hears it.
    const byPhone = await api<{ items: Booking[] }>('GET', '/api/v1/bookings?phone=0300000002');
    expect(byPhone.body.items).toHaveLength(1);
    await page.getByRole('textbox', { name: '電話番号' }).fill('03-0000-0002');
    await page.getByRole('textbox', { name: '電話番号' }).press('Enter');
    await expect.poll(numbers).toEqual([byPhone.body.items[0]!.reception_number]);
    expect(await results.textContent()).toContain('03-0000-0002');
    expect(new URL(page.url()).searchParams.get('phone'), 'kept in the address').toBe('03-0000-0002');

    // The birth date in 和暦, abbreviated: 昭和23年4月1日 is 1948-04-01.
    await page.getByRole('button', { name: '条件をクリア' }).click();
    const byBirth = await api<{ items: Booking[] }>('GET', '/api/v1/bookings?birth_date=1948-04-01');
    expect(byBirth.body.items.length).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: '生年月日' }).fill('S23.4.1');
    await page.getByRole('button', { name: '検索する' }).click();
    await expect.poll(numbers).toEqual(byBirth.body.items.map((b) => b.reception_number));
    expect(await results.textContent()).toContain('見本 一郎');
    await page.getByRole('textbox', { name: '生年月日' }).fill('昭和23年4月1日');
    await page.getByRole('button', { name: '検索する' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('birth')).toBe('昭和23年4月1日');
    await expect.poll(numbers).toEqual(byBirth.body.items.map((b) => b.reception_number));
    await expectAccessible(page, 'search by phone and birth date');
    await screenshot(page, 'search-birth-date');

    // 高 finds the demo's 髙見 﨑子.
    await page.getByRole('button', { name: '条件をクリア' }).click();
    await page.getByRole('textbox', { name: '氏名・フリガナ' }).fill('高見');
    await page.getByRole('button', { name: '検索する' }).click();
    await expect.poll(() => results.textContent()).toContain('髙見 﨑子');
    await page.context().close();
  });

  it('names a phone number or a birth date it cannot read, ours or the server’s', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'callcenter');
    await page.goto(`${baseUrl}/staff/bookings?tab=search`);
    await page.getByRole('textbox', { name: '電話番号' }).fill('03-0000');
    await page.getByRole('textbox', { name: '生年月日' }).fill('昭和50年13月1日');
    await page.getByRole('button', { name: '検索する' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '検索できませんでした' });
    await expect.poll(() => alert.textContent()).toContain('電話番号: 電話番号は0から始まる10桁または11桁の数字です');
    expect(await alert.textContent()).toContain('生年月日: 生年月日は 1975-04-01、昭和50年4月1日、S50.4.1');
    expect(await page.getByRole('textbox', { name: '電話番号' }).getAttribute('aria-invalid')).toBe('true');

    // A date this screen reads but the server does not (before 明治): the server's 422 names the field.
    await page.getByRole('textbox', { name: '電話番号' }).fill('');
    await page.getByRole('textbox', { name: '生年月日' }).fill('1700-01-01');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/bookings'),
      page.getByRole('button', { name: '検索する' }).click(),
    ]);
    expect(answer.status()).toBe(422);
    await expect.poll(() => alert.textContent()).toContain('生年月日: 生年月日は 1975-04-01');
    expect(await alert.textContent()).not.toContain('電話番号');
    expect(await page.getByRole('textbox', { name: '生年月日' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'search errors for phone and birth date');
    await page.context().close();
  });
});
