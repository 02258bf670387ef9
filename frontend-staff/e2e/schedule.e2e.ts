// 窓口と予約枠: an administrator sets up counters, hours and dates, and residents see it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;
let token = '';

interface Named {
  id: string;
  name: string;
}

async function apiGet<T>(path: string, auth = false): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: auth ? { Authorization: `Bearer ${token}` } : {} });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function apiSend(method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.status;
}

function tokyoToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now());
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 = Monday. */
function weekday(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

async function demoIds() {
  const locations = await apiGet<Named[]>('/api/v1/public/demo/locations');
  const procedures = await apiGet<(Named & { fields: Record<string, string> })[]>('/api/v1/public/demo/procedures');
  const main = locations.find((l) => l.name === '本庁舎')!;
  const issuance = procedures.find((p) => p.name === 'マイナンバーカード交付')!;
  return { main, issuance };
}

async function adminPage(): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, baseUrl, 'admin');
  return page;
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

/** Opens the pool editor of 本庁舎 from the overview, as a clerk would. */
async function openMainPool(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/staff/settings/counters`);
  await page.getByRole('link', { name: '本庁舎 窓口の受付時間と枠' }).click();
  await expect.poll(() => heading(page)).toBe('本庁舎 窓口の受付時間と枠');
  await page.locator('.schedule-day:not(.schedule-day-loading)').first().waitFor();
}

beforeAll(async () => {
  browser = await launch();
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: 'admin', password: 'madoguchi-demo' }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await browser?.close();
});

describe('counters and schedule (admin)', () => {
  it('the overview shows each location with its counters, procedures and week', async () => {
    const page = await adminPage();
    await page.getByRole('link', { name: '設定' }).click();
    await page.getByRole('link', { name: '窓口と予約枠' }).click();
    await expect.poll(() => heading(page)).toBe('窓口と予約枠');
    const main = page.getByRole('region', { name: '本庁舎' });
    await main.getByRole('table').waitFor();
    expect(await main.getByRole('cell', { name: /マイナンバーカード申請/ }).count()).toBe(1);
    expect(await main.textContent()).toContain('月〜金8:30〜17:15（30分・6人）');
    expect(await page.getByRole('region', { name: '北支所' }).textContent()).not.toContain('マイナンバーカード申請');
    await expectAccessible(page, 'overview');
    await screenshot(page, 'settings-counters');
  });

  it('acceptance: opening a Saturday with 2 places in the pool editor shows up in the residents’ availability', async () => {
    const { main, issuance } = await demoIds();
    // A Saturday inside the booking window (opens 14 days before, closes the day before).
    let saturday = addDays(tokyoToday(), 3);
    while (weekday(saturday) !== 5) saturday = addDays(saturday, 1);
    const availability = `/api/v1/public/demo/availability?location_id=${main.id}&procedure_id=${issuance.id}&from=${saturday}&to=${saturday}`;
    const before = await apiGet<{ days: { slots: unknown[] }[] }>(availability);
    expect(before.days[0]?.slots).toEqual([]);

    const page = await adminPage();
    await openMainPool(page);
    // Its weeks start on Monday, as the booking calendar's do.
    expect(await page.locator('table.schedule-calendar thead th').allTextContents()).toEqual([
      '月',
      '火',
      '水',
      '木',
      '金',
      '土',
      '日',
    ]);
    await expectAccessible(page, 'pool editor');
    await screenshot(page, 'settings-pool');

    if (saturday.slice(0, 7) !== tokyoToday().slice(0, 7)) await page.getByRole('button', { name: /次の月/ }).click();
    const day = page.locator(`#schedule-day-${saturday}`);
    await expect.poll(() => day.textContent()).toContain('休み');
    await day.focus();
    await page.keyboard.press('Enter');
    const editor = page.locator('.schedule-date-editor');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    await editor.getByRole('radio', { name: /受付時間・枠数を変えて受け付ける/ }).check();
    await editor.getByLabel(/時間帯1 開始/).fill('09:00');
    await editor.getByLabel(/時間帯1 終了/).fill('12:00');
    await editor.getByLabel('1枠の長さ（分）').fill('60');
    await editor.getByLabel('1枠の人数').fill('2');
    await expect.poll(() => editor.textContent()).toContain('1日 3枠・最大 6人');
    await expectAccessible(page, 'date editor');
    await screenshot(page, 'settings-date-override');
    await editor.getByRole('button', { name: 'この日の設定を保存' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'の設定を保存しました' }).count()).toBe(1);
    await expect.poll(() => day.textContent()).toContain('個別の時間');
    expect(await day.textContent()).toContain('3枠・6人');

    const after = await apiGet<{ days: { slots: { start: string; remaining: number }[] }[] }>(availability);
    expect(after.days[0]?.slots.map((s) => [s.start, s.remaining])).toEqual([
      [`${saturday}T09:00:00+09:00`, 2],
      [`${saturday}T10:00:00+09:00`, 2],
      [`${saturday}T11:00:00+09:00`, 2],
    ]);

    // Back to the weekly template: closed again for residents.
    await editor.getByRole('radio', { name: /毎週の設定どおり/ }).check();
    await editor.getByRole('button', { name: 'この日の設定を保存' }).click();
    await expect.poll(() => day.textContent()).toContain('休み');
    expect((await apiGet<{ days: { slots: unknown[] }[] }>(availability)).days[0]?.slots).toEqual([]);
  });

  it('a weekday change that would strand the demo bookings is refused and lists them', async () => {
    const { main } = await demoIds();
    const booked = await apiGet<{ items: { reception_number: string; start: string }[] }>(
      `/api/v1/bookings?location_id=${main.id}&status=booked&per_page=100`,
      true,
    );
    const first = booked.items.map((b) => b.start.slice(0, 10)).sort()[0]!;
    const sameWeekday = booked.items.filter((b) => weekday(b.start.slice(0, 10)) === weekday(first));
    expect(sameWeekday.length).toBeGreaterThan(0);
    const days = ['月', '火', '水', '木', '金', '土', '日'];
    const dayName = `${days[weekday(first)]}曜日`;

    const page = await adminPage();
    await openMainPool(page);
    await page.getByRole('checkbox', { name: `${dayName} 受付する` }).uncheck();
    await page.getByRole('button', { name: '毎週の受付時間を保存' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '次の予約に影響するため、変更できません' });
    await alert.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await alert.textContent()).toContain('毎週の受付時間は保存していません（1日も変更していません）');
    for (const booking of sameWeekday) {
      const link = alert.getByRole('link', { name: booking.reception_number });
      expect(await link.getAttribute('href')).toBe(`/staff/bookings/${booking.reception_number}`);
    }
    expect(await alert.getByRole('row').count()).toBe(sameWeekday.length + 1);
    await screenshot(page, 'settings-pool-refused');

    const pools = await apiGet<{ location_id: string; weekdays: unknown[] }[]>('/api/v1/admin/pools', true);
    expect(pools.find((p) => p.location_id === main.id)?.weekdays[weekday(first)]).toEqual({
      bands: ['08:30-17:15'],
      slot_minutes: 30,
      places: 6,
    });
  });

  it('a procedure’s field rule change is saved and residents are asked accordingly', async () => {
    const page = await adminPage();
    await page.goto(`${baseUrl}/staff/settings/counters/procedures`);
    await expect.poll(() => heading(page)).toBe('手続き');
    await page.getByRole('table').waitFor();
    await expectAccessible(page, 'procedures');
    await page.getByRole('link', { name: 'マイナンバーカード交付 編集' }).click();
    await expect.poll(() => heading(page)).toBe('手続きの編集: マイナンバーカード交付');
    const email = page.getByRole('radio', { name: 'メールアドレス: 必須' });
    expect(await page.getByRole('radio', { name: 'メールアドレス: 任意' }).isChecked()).toBe(true);
    await email.check();
    await expectAccessible(page, 'procedure editor');
    await screenshot(page, 'settings-procedures');

    // Phone and mail both hidden: the form says why it cannot be saved.
    await page.getByRole('radio', { name: '電話番号: 表示しない' }).check();
    await page.getByRole('radio', { name: 'メールアドレス: 表示しない' }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('入力してもらう項目: 電話番号かメールアドレスのどちらかを');
    await page.getByRole('radio', { name: '電話番号: 必須' }).check();
    await email.check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);

    const { issuance } = await demoIds();
    expect(issuance.fields.email).toBe('required');
    // Left as the demo had it, for the other tests.
    await page.getByRole('radio', { name: 'メールアドレス: 任意' }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(async () => (await demoIds()).issuance.fields.email).toBe('optional');
  });

  it('what to bring, one item per line, is saved with the procedure and residents see it', async () => {
    const page = await adminPage();
    await page.goto(`${baseUrl}/staff/settings/counters/procedures`);
    await page.getByRole('link', { name: '電子証明書の更新 編集' }).click();
    await expect.poll(() => heading(page)).toBe('手続きの編集: 電子証明書の更新');
    const list = page.getByLabel('持ち物（1行に1つ）');
    expect(await list.inputValue()).toBe('');
    const hint = await page.locator(`#${await list.getAttribute('id')}-hint`).textContent();
    expect(hint).toContain('予約完了画面');
    expect(hint).toContain('メール');
    await list.fill('マイナンバーカード\n暗証番号（英数字6〜16桁、数字4桁）を控えたもの');
    await expectAccessible(page, 'procedure editor with what to bring');
    await screenshot(page, 'settings-procedure-what-to-bring');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count()).toBe(1);

    const procedures = await apiGet<(Named & { what_to_bring: string })[]>('/api/v1/public/demo/procedures');
    expect(procedures.find((p) => p.name === '電子証明書の更新')?.what_to_bring).toBe(
      'マイナンバーカード\n暗証番号（英数字6〜16桁、数字4桁）を控えたもの',
    );
    // The editor starts again from what was saved.
    await page.reload();
    await expect
      .poll(() => page.getByLabel('持ち物（1行に1つ）').inputValue())
      .toContain('マイナンバーカード\n暗証番号');
  });

  it('the booking rules explain the window in words and name a wrong value', async () => {
    const page = await adminPage();
    await page.goto(`${baseUrl}/staff/settings/counters/rules`);
    await expect.poll(() => heading(page)).toBe('予約受付のルール');
    await page.getByLabel('来庁日の何日前から').waitFor();
    expect(await page.getByLabel('来庁日の何日前から').inputValue()).toBe('14');
    await expect
      .poll(() => page.locator('.schedule-example').textContent())
      .toMatch(/の予約は、.+ 0:00から.+ 0:00まで受け付けます/);
    await expectAccessible(page, 'rules');
    await screenshot(page, 'settings-rules');

    await page.getByLabel('仮押さえの時間（分）').fill('0');
    await page.getByLabel('来庁日の何日前から').fill('0');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('仮押さえの時間: 1〜60の整数で入力してください。');
    expect(await alert.textContent()).toContain('受付締切: 受付締切は受付開始より後にしてください。');

    await page.getByLabel('仮押さえの時間（分）').fill('15');
    await page.getByLabel('来庁日の何日前から').fill('14');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '予約受付のルールを保存しました。' }).count())
      .toBe(1);
    const rules = await apiGet<{ hold_minutes: number }>('/api/v1/admin/booking-rules', true);
    expect(rules.hold_minutes).toBe(15);
    await apiSend('PUT', '/api/v1/admin/booking-rules', { ...rules, hold_minutes: 10 });
  });

  it('the holiday list is imported with a count per year, and bad lines are named', async () => {
    const page = await adminPage();
    await page.goto(`${baseUrl}/staff/settings/counters/holidays`);
    await expect.poll(() => heading(page)).toBe('祝日と休業日');
    const file = page.getByLabel('祝日一覧のファイル（syukujitsu.csv）');
    await file.setInputFiles({
      name: 'syukujitsu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '国民の祝日・休日月日,国民の祝日・休日名称\r\n2040/1/1,元日\r\n2040/1/9,成人の日\r\n2041/1/1,元日\r\n',
      ),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    const status = page.getByRole('status').filter({ hasText: '件の祝日を取り込みました' });
    await expect.poll(() => status.textContent()).toContain('3件の祝日を取り込みました');
    expect(await status.getByRole('row', { name: '2040年 2' }).count()).toBe(1);
    expect(await status.getByRole('row', { name: '2041年 1' }).count()).toBe(1);

    await file.setInputFiles({
      name: 'syukujitsu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('日付,名称\n2042/1/1,元日\n2042-13-40,謎\n'),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ファイル（3行目）');
    await expectAccessible(page, 'holidays');
    await screenshot(page, 'settings-holidays');
  });
});
