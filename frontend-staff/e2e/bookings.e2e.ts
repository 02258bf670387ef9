// 予約管理 as an administrator uses it: the calendar (month, week, day) counts the demo
// bookings, the day list shows and prints them, the search finds one by its reading and
// its details show its history; at 200 % zoom names and phone numbers still read whole.
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatShortDate,
  todayInTokyo,
  tokyoDateOf,
  monthGrid,
  addMonths,
  startOfMonth,
} from '../../frontend-shared/dates/japan';
import { startOfWeek } from '../src/lib/weeks';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now, pinClock } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;

interface Booking {
  reception_number: string;
  start: string;
  places: number;
  status: string;
  phone?: string | null;
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

/**
 * A booking with a long name and a mobile number, on a day after the demo bookings' (the
 * calendar's counts stay as they were): its reception number.
 */
async function bookLongName(): Promise<string> {
  const procedures = await apiGet<{ id: string; name: string }[]>('/api/v1/public/demo/procedures');
  const issuance = procedures.find((p) => p.name === 'マイナンバーカード交付')!.id;
  const view = await apiGet<{ pools: { procedure_ids: string[]; days: CalendarDay[] }[] }>(
    `/api/v1/bookings/calendar?location_id=${demo.locationId}&from=${addDays(demo.date, 1)}&to=${addDays(demo.date, 31)}`,
  );
  const slot = view.pools
    .find((pool) => pool.procedure_ids.includes(issuance))!
    .days.flatMap((day) => day.slots)
    .find((s) => s.remaining > 0)!;
  const response = await fetch(`${baseUrl}/api/v1/bookings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      location_id: demo.locationId,
      procedure_id: issuance,
      start: slot.start,
      without_letter: true,
      applicants: [
        { name: '勘解由小路 左衛門之丞', name_kana: 'カデノコウジ サエモンノジョウ', birth_date: '1961-07-14' },
      ],
      phone: '09012345678',
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { reception_number: string }).reception_number;
}

/**
 * The text of an element line by line as the browser laid it out: each character's box
 * tells its line, so a word broken across two lines shows as two pieces.
 */
async function lines(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const found: { top: number; text: string }[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i]!)) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        const last = found[found.length - 1];
        if (last && Math.abs(last.top - top) < 4) last.text += text[i];
        else found.push({ top, text: text[i]! });
      }
    }
    return found.map((line) => line.text);
  });
}

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
    // Weeks run Monday to Sunday, as in the counters' calendar.
    const weekdays = page.locator('table.bookings-month thead th');
    expect(await weekdays.allTextContents()).toEqual(['月', '火', '水', '木', '金', '土', '日']);
    expect(await page.locator('table.bookings-month tbody tr').first().locator('td').first().textContent()).toMatch(
      /（月）/,
    );
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
    const headings = week.locator('thead th');
    expect(await headings.nth(1).textContent()).toContain('（月）');
    expect(await headings.nth(7).textContent()).toContain('（日）');
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
    // The phone number as it is read out: 03-0000-0002, not 0300000002.
    const phone = expected.items[0]!.phone!;
    expect(phone).toMatch(/^03\d{8}$/);
    const firstRow = results.getByRole('row').filter({ hasText: expected.items[0]!.reception_number });
    expect(await firstRow.textContent()).toContain(`03-${phone.slice(2, 6)}-${phone.slice(6)}`);
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

  it('at 200 % zoom a long name breaks between family and given name only, and the phone stays whole', async () => {
    const booked = await bookLongName();
    // 1280×720 at 200 %: the page lays out 640 CSS pixels wide.
    const context = await browser.newContext({
      viewport: { width: 640, height: 360 },
      deviceScaleFactor: 2,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    await pinClock(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/staff/bookings?tab=search`);
    await page.getByLabel('氏名・フリガナ').fill('かでのこうじ');
    await page.getByLabel('氏名・フリガナ').press('Enter');
    const row = page.locator('.bookings-results tbody tr').filter({ hasText: booked });
    await row.waitFor();
    expect(await row.textContent()).toContain('090-1234-5678');

    // The table is squeezed to its narrowest: the name goes on two lines, at the space.
    expect(await lines(row.locator('.bookings-names li'))).toEqual([
      '勘解由小路',
      '左衛門之丞',
      'カデノコウジ',
      'サエモンノジョウ',
    ]);
    expect(await lines(row.locator('.phone-number'))).toEqual(['090-1234-5678']);
    // The table scrolls in its box; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await expectAccessible(page, 'search results at 200 %');
    await screenshot(page, 'search-zoomed');

    // The booking's details, one panel above the other, the phone grouped.
    await row.getByRole('link', { name: booked }).click();
    await page.getByRole('table', { name: '履歴' }).waitFor();
    expect(await page.getByText('090-1234-5678').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await expectAccessible(page, 'booking details at 200 %');
    await screenshot(page, 'booking-details-zoomed');
    await context.close();
  });

  it('downloads the search as an Excel workbook, which keeps the leading zeros', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/staff/bookings?tab=search`);
    await page.getByLabel('氏名・フリガナ').fill('みほん はなこ');
    await page.getByLabel('氏名・フリガナ').press('Enter');
    await page.locator('.bookings-results table').waitFor();
    // CSV first, as before; Excel has no encoding to choose.
    expect(await page.getByRole('button', { name: 'CSVダウンロード' }).count()).toBe(1);
    await page.getByLabel('ファイル形式').selectOption('xlsx');
    expect(await page.getByLabel('CSVの文字コード').count()).toBe(0);
    expect(await page.getByText('Excel（.xlsx）なら、電話番号・受付番号の先頭の0が消えません。').count()).toBe(1);
    await expectAccessible(page, 'search with the Excel choice');

    const [file, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/bookings/export'),
      page.getByRole('button', { name: 'Excelダウンロード' }).click(),
    ]);
    expect(new URL(response.url()).searchParams.get('format')).toBe('xlsx');
    expect(new URL(response.url()).searchParams.has('encoding')).toBe(false);
    expect(response.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers()['content-disposition']).toContain('bookings.xlsx');
    expect(file.suggestedFilename()).toMatch(/^予約一覧_\d{8}\.xlsx$/);
    // An XLSX file is a ZIP archive.
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.context().close();
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
