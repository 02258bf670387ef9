// 予約管理 as an administrator uses it: the calendar (month, week, day) counts the demo
// bookings, the day list shows and prints them, the search finds one by its reading and
// its details show its history.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addDays,
  startOfWeek,
  formatDate,
  formatShortDate,
  todayInTokyo,
  tokyoDateOf,
  monthGrid,
  addMonths,
  startOfMonth,
} from '../../frontend-shared/dates/japan';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;

interface Booking {
  reception_number: string;
  start: string;
  places: number;
  status: string;
  applicants: { name?: string | null; name_kana?: string | null }[];
}
interface CalendarDay {
  date: string;
  closed?: string | null;
  closed_name?: string | null;
  slots: { start: string; places: number; booked: number; remaining: number; checked_in: number }[];
}

/** What the API says, read with an administrator's token: the expectations of the tests. */
const demo = {
  token: '',
  locationId: '',
  date: '',
  bookings: [] as Booking[],
  booked: 0,
  places: 0,
};

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${demo.token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function calendarDays(from: string, to: string): Promise<CalendarDay[]> {
  const view = await apiGet<{ pools: { days: CalendarDay[] }[] }>(
    `/api/v1/bookings/calendar?location_id=${demo.locationId}&from=${from}&to=${to}`,
  );
  return view.pools.flatMap((pool) => pool.days);
}

beforeAll(async () => {
  browser = await launch();
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: 'admin', password: 'madoguchi-demo' }),
  });
  demo.token = ((await login.json()) as { access_token: string }).access_token;
  const locations = await apiGet<{ id: string; name: string }[]>('/api/v1/public/demo/locations');
  demo.locationId = locations.find((l) => l.name === '本庁舎')!.id;
  const page = await apiGet<{ items: Booking[] }>(
    `/api/v1/bookings?location_id=${demo.locationId}&from=${todayInTokyo(now())}&per_page=500`,
  );
  expect(page.items.length).toBeGreaterThan(0);
  // The first day with demo bookings, and what the calendar should count on it.
  demo.date = tokyoDateOf(page.items[0]!.start);
  demo.bookings = page.items.filter((b) => tokyoDateOf(b.start) === demo.date);
  demo.booked = demo.bookings.filter((b) => b.status !== 'cancelled').reduce((sum, b) => sum + b.places, 0);
  const [day] = await calendarDays(demo.date, demo.date);
  demo.places = day!.slots.reduce((sum, s) => sum + s.places, 0);
  expect(day!.slots.reduce((sum, s) => sum + s.booked, 0)).toBe(demo.booked);
});
afterAll(async () => {
  await browser?.close();
});

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

function months(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

async function openCalendar(page: Page): Promise<void> {
  await signIn(page, baseUrl, 'admin');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '予約管理' }).click();
  await expect.poll(() => heading(page).textContent()).toContain('予約管理');
  await page.locator('table.bookings-month').waitFor();
}

describe('予約カレンダー', () => {
  it('counts the demo bookings on their day in the month, week and day views', async () => {
    const page = await newPage(browser);
    await openCalendar(page);
    const today = todayInTokyo(now());

    // This month first: a closed day shows why (a holiday's name, say).
    const thisMonth = monthGrid(today).flat();
    const closed = (await calendarDays(thisMonth[0]!, thisMonth[thisMonth.length - 1]!)).find(
      (d) => d.closed === 'holiday' && d.closed_name,
    );
    if (closed) {
      const cell = page.getByRole('link', { name: new RegExp(formatDate(closed.date)) });
      await expect.poll(() => cell.textContent()).toContain(closed.closed_name);
    }

    // To the demo bookings' month, with the keyboard.
    for (let i = 0; i < months(today, demo.date); i++) {
      await page.getByRole('button', { name: '次の月' }).press('Enter');
    }
    await expect
      .poll(() => page.locator('.bookings-period').textContent())
      .toContain(`${Number(demo.date.slice(5, 7))}月`);
    const dayCell = page.getByRole('link', { name: new RegExp(`^${formatDate(demo.date)}`) });
    await expect.poll(() => dayCell.textContent()).toContain(`予約 ${demo.booked}/${demo.places}`);
    expect(await dayCell.textContent()).toContain(`残り ${demo.places - demo.booked}`);
    await expectAccessible(page, 'month calendar');
    await screenshot(page, 'calendar-month');

    // The week: the month step landed on the 1st (or today), the week view opens on it.
    await page.getByRole('button', { name: '週', exact: true }).click();
    const anchor = months(today, demo.date) === 0 ? today : startOfMonth(addMonths(today, months(today, demo.date)));
    const weeks = Math.round((Date.parse(startOfWeek(demo.date)) - Date.parse(startOfWeek(anchor))) / (7 * 86_400_000));
    for (let i = 0; i < Math.abs(weeks); i++) {
      await page.getByRole('button', { name: weeks > 0 ? '次の週' : '前の週' }).click();
    }
    const week = page.locator('table.bookings-week');
    await week.waitFor();
    const column = week.locator('thead th').filter({ hasText: formatShortDate(demo.date) });
    await expect.poll(() => column.textContent()).toContain(`予約 ${demo.booked}/${demo.places}`);
    const nineOClock = week.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^09:00/ }) });
    expect(await nineOClock.textContent()).toMatch(/\d+\/6/);
    await expectAccessible(page, 'week calendar');
    await screenshot(page, 'calendar-week');

    // The day: the week steps moved the date by whole weeks; step on to the demo day.
    await page.getByRole('button', { name: '日', exact: true }).click();
    const shown = addDays(anchor, 7 * weeks);
    const days = Math.round((Date.parse(demo.date) - Date.parse(shown)) / 86_400_000);
    for (let i = 0; i < Math.abs(days); i++) {
      await page.getByRole('button', { name: days > 0 ? '次の日' : '前の日' }).click();
    }
    await expect.poll(() => page.locator('.bookings-period').textContent()).toContain(formatDate(demo.date));
    const total = page.locator('table.bookings-day-slots tfoot tr');
    await expect.poll(() => total.textContent()).toBe(`合計${demo.places}${demo.booked}${demo.places - demo.booked}0`);
    await expectAccessible(page, 'day calendar');
    await screenshot(page, 'calendar-day');

    // Back to the month with today: clicking a day opens its list.
    await page.getByRole('button', { name: '月', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(`^${formatDate(demo.date)}`) }).click();
    await expect.poll(() => heading(page).textContent()).toContain(formatDate(demo.date));
  });
});

describe('来庁予約一覧', () => {
  it("lists the day's bookings, prints them on the A4 sheet and exports them", async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/staff/bookings/day/${demo.date}?location=${demo.locationId}`);
    await expect.poll(() => heading(page).textContent()).toBe(`来庁予約一覧${formatDate(demo.date)}\u3000本庁舎`);
    const table = page.locator('table.bookings-day-table');
    await table.waitFor();
    for (const booking of demo.bookings) {
      const row = table.getByRole('row').filter({ hasText: booking.reception_number });
      expect(await row.textContent()).toContain(booking.applicants[0]!.name!);
    }
    expect(await table.locator('tbody tr').count()).toBe(demo.bookings.length);
    expect(await page.getByText(`予約 ${demo.bookings.length}件・${demo.booked}名`).count()).toBe(1);
    expect(await page.getByRole('link', { name: '窓口受付へ' }).getAttribute('href')).toBe('/staff/check-in');
    await expectAccessible(page, 'day list');
    await screenshot(page, 'day-list');

    // Printed from the browser, the list alone fills the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷用の一覧を開く' }).isVisible()).toBe(false);
    expect((await table.boundingBox())!.width).toBeGreaterThan(1300);
    await screenshot(page, 'day-list-print');
    await page.emulateMedia({ media: 'screen' });

    // The print sheet opens in a new tab.
    const [sheet] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '印刷用の一覧を開く' }).click(),
    ]);
    await expect.poll(() => sheet.url(), { timeout: 10_000 }).toMatch(/^blob:/);
    await sheet.waitForLoadState();
    await expect.poll(() => sheet.content()).toContain(demo.bookings[0]!.reception_number);
    expect(await sheet.locator('h1').textContent()).toContain('来庁予約一覧');
    await screenshot(sheet, 'print-view');
    await sheet.close();

    // The CSV of the same day, in Shift_JIS by default.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVダウンロード' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^来庁予約一覧_\d{8}_本庁舎\.csv$/);
    const bytes = readFileSync((await file.path())!);
    const text = new TextDecoder('shift_jis').decode(bytes);
    expect(text.split('\r\n')[0]).toContain('受付番号');
    for (const booking of demo.bookings) expect(text).toContain(booking.reception_number);
  });
});

describe('予約の検索と詳細', () => {
  it('finds a demo booking by its reading in hiragana and shows its details and history', async () => {
    const page = await newPage(browser);
    await openCalendar(page);
    await page.getByRole('link', { name: '予約の検索' }).click();
    await page.getByLabel('氏名・フリガナ').fill('みほん はなこ');
    await page.getByLabel('氏名・フリガナ').press('Enter');
    const expected = await apiGet<{ total: number; items: Booking[] }>(
      `/api/v1/bookings?name=${encodeURIComponent('ミホンハナコ')}`,
    );
    expect(expected.total).toBeGreaterThan(0);
    const results = page.locator('.bookings-results table');
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(expected.items.length);
    expect(await results.textContent()).toContain('ミホン ハナコ');
    await expect.poll(() => page.locator('.bookings-results-count').textContent()).toContain(`${expected.total}件`);
    // Focus went to the results for the keyboard user.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await expectAccessible(page, 'search results');
    await screenshot(page, 'search');

    const number = expected.items[0]!.reception_number;
    await results.getByRole('link', { name: number }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`予約の詳細受付番号 ${number}`);
    const history = page.getByRole('table', { name: '履歴' });
    await history.waitFor();
    const created = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '予約' }) });
    expect(await created.textContent()).toContain('demo');
    expect(await created.textContent()).toMatch(/枠 \d{4}\/\d{2}\/\d{2} (09|10|14):00/);
    expect(await page.getByText('見本 花子').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: '予約を変更する' }).getAttribute('href')).toBe(
      `/staff/bookings/${number}/change`,
    );
    expect(await page.getByRole('link', { name: '予約を取り消す' }).getAttribute('href')).toBe(
      `/staff/bookings/${number}/cancel`,
    );
    await expectAccessible(page, 'booking details');
    await screenshot(page, 'booking-details');

    // Back returns to the same results.
    await page.goBack();
    await expect.poll(() => page.locator('.bookings-results-count').textContent()).toContain(`${expected.total}件`);
    expect(await page.getByLabel('氏名・フリガナ').inputValue()).toBe('みほん はなこ');
  });

  it('names the field of a wrong search and moves focus to the message', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/staff/bookings?tab=search`);
    await page.getByLabel('期間（開始日）').fill('2026-12-10');
    await page.getByLabel('期間（終了日）').fill('2026-12-01');
    await page.getByLabel('受付番号').fill('12345');
    await page.getByRole('button', { name: '検索する' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('期間（終了日）: 終了日が開始日より前になっています。');
    expect(await alert.textContent()).toContain('受付番号: 受付番号は10桁の数字です。');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByLabel('期間（終了日）').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'search errors');
    await screenshot(page, 'search-errors');
  });

  it("a call-center clerk is offered booking on a resident's behalf", async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'callcenter');
    await page.goto(`${baseUrl}/staff/bookings`);
    await expect.poll(() => heading(page).textContent()).toBe('予約管理');
    expect(await page.getByRole('link', { name: '新規予約（代行）' }).getAttribute('href')).toBe('/staff/bookings/new');
  });
});
