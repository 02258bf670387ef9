// Issue 14 point 11: a closed day tells residents why. The municipality closes a day
// through the admin API with a reason; the resident calendar marks it 臨時休業, names the
// reason to screen readers and, chosen, says it in place of the slot list. Sundays are
// the demo town's weekly closed days (休).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatMonth, todayInTokyo, weekdayOf } from '../../frontend-shared/dates/japan';
import { firstDay, formatDay, lastDay, monthOf } from '../src/lib/dates';
import { Api, type Day } from './api';
import { expectAccessible, launch, newPage, screenshot } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const REASON = 'システム更新';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Moves the calendar on to the month of `date` (it opens on the first month with room). */
async function showMonthOf(page: Page, date: string): Promise<void> {
  const caption = page.locator('table.month caption');
  const wanted = `${formatMonth(date)}の空き状況`;
  for (let months = 0; months < 3; months += 1) {
    await caption.waitFor();
    await page.waitForLoadState('networkidle');
    const shown = await caption.textContent();
    if (shown === wanted) return;
    await page.getByRole('button', { name: '次の月' }).click();
    await expect.poll(() => caption.textContent()).not.toBe(shown);
  }
  throw new Error(`the calendar never showed ${wanted}`);
}

const focusedDate = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-date') ?? '');

/** Tabs into the grid, then walks with the arrow keys to `date`, as a keyboard user does. */
async function arrowTo(page: Page, date: string): Promise<void> {
  for (let tabs = 0; tabs < 60 && !(await page.evaluate(() => !!document.activeElement?.closest('table.month')));) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  for (let steps = 0; steps < 40; steps += 1) {
    const at = await focusedDate(page);
    if (at === date) return;
    await page.keyboard.press(at < date ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`the arrow keys never reached ${date}`);
}

describe('a resident looking at a closed day', () => {
  it('sees 臨時休業 and the reason on the municipality’s closure, 休 on a Sunday', async () => {
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', 'マイナンバーカード交付'),
    ]);
    const token = await api.adminToken();
    // The last bookable day, furthest from those other tests book; a day with bookings
    // cannot be closed, so an earlier one then.
    let closedDate: string | undefined;
    for (const day of (await api.days(location, procedure)).reverse()) {
      if (await api.closeDay(token, day.date, REASON)) {
        closedDate = day.date;
        break;
      }
    }
    if (!closedDate) throw new Error('no bookable day could be closed');
    try {
      const today = todayInTokyo(now());
      const month = monthOf(closedDate);
      const from = firstDay(month) < today ? today : firstDay(month);
      const shownDays: Day[] = await api.calendar(location, procedure, from, lastDay(month));
      expect(shownDays.find((day) => day.date === closedDate)).toMatchObject({
        closed: 'closure',
        closed_reason: REASON,
      });
      const sunday = shownDays.find((day) => day.closed === 'weekly' && weekdayOf(day.date) === 0);
      if (!sunday) throw new Error(`no Sunday closed in ${month} from ${from}`);

      const page = await newPage(browser);
      await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
      await showMonthOf(page, closedDate);

      // In the cell: a short word to see, the reason in the name a screen reader says.
      const closedCell = page.locator(`table.month button[data-date="${closedDate}"]`);
      expect(await closedCell.getAttribute('aria-label')).toBe(`${formatDay(closedDate)}、臨時休業（${REASON}）`);
      expect(await closedCell.locator('xpath=..').textContent()).toBe(`${Number(closedDate.slice(8))}臨時休業`);
      const sundayCell = page.locator(`table.month button[data-date="${sunday.date}"]`);
      expect(await sundayCell.getAttribute('aria-label')).toBe(`${formatDay(sunday.date)}、休業日`);
      expect(await sundayCell.locator('xpath=..').textContent()).toBe(`${Number(sunday.date.slice(8))}休`);
      // A national holiday in the month, when there is one, shows 祝 and its name.
      for (const holiday of shownDays.filter((day) => day.closed === 'holiday' && day.closed_reason)) {
        const cell = page.locator(`table.month button[data-date="${holiday.date}"]`);
        expect(await cell.getAttribute('aria-label')).toBe(
          `${formatDay(holiday.date)}、祝日（${holiday.closed_reason}）`,
        );
        expect(await cell.locator('xpath=..').textContent()).toBe(`${Number(holiday.date.slice(8))}祝`);
      }

      // The keyboard reaches the closed day, and the reason shows under the grid too.
      await arrowTo(page, closedDate);
      await expect
        .poll(() => page.getByTestId('closed-focus-note').textContent())
        .toBe(`${formatDay(closedDate)}：この日は臨時休業です（${REASON}）。`);

      // Chosen, it says why instead of offering an empty slot list.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('slots-heading');
      const slots = page.getByRole('region', { name: `${formatDay(closedDate)}の時間帯` });
      await slots.getByText(`この日は臨時休業です（${REASON}）。`).waitFor();
      expect(await slots.locator('.slot-list').count()).toBe(0);
      expect(await page.getByTestId('closed-focus-note').count()).toBe(0);
      await expectAccessible(page, 'calendar with a closed day chosen');
      await screenshot(page, 'calendar-closed-375');

      await sundayCell.click();
      await page
        .getByRole('region', { name: `${formatDay(sunday.date)}の時間帯` })
        .getByText('この日は休業日です。')
        .waitFor();
      await expectAccessible(page, 'calendar with a Sunday chosen');
    } finally {
      await api.openDay(token, closedDate);
    }
  });
});
