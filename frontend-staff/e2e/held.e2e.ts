// 仮押さえ: a resident who chose a slot holds its places while filling in the form. A slot
// whose last place is held is not full — the place comes back if the resident gives up —
// and the staff calendar says so instead of 満員.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDate, formatShortDate } from '../../frontend-shared/dates/japan';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { demo, emptyDays, request, type Demo } from './demo';

const baseUrl = inject('baseUrl');
let browser: Browser;
let scene: Demo;

interface StaffSlot {
  start: string;
  places: number;
  booked: number;
  remaining: number;
  held: number;
}

beforeAll(async () => {
  browser = await launch();
  scene = await demo();
});
afterAll(async () => {
  await browser?.close();
});

describe('仮押さえ', () => {
  it('a slot whose one place a resident holds shows 仮押さえ, not 満員, in the staff calendar', async () => {
    // A day without bookings, given two slots of one place each.
    const date = (await emptyDays(scene))[0]?.date;
    if (!date) throw new Error('no bookable day without bookings');
    const plan = { closed: false, plan: { bands: ['09:00-10:00'], slot_minutes: 30, places: 1 } };
    const opened = await request('PUT', `/api/v1/admin/pools/${scene.poolId}/dates/${date}`, plan, scene.token);
    expect(opened.status, JSON.stringify(opened.body)).toBe(204);

    // A resident picks 9:00 and starts typing: the hold the booking pages take.
    const start = `${date}T09:00:00+09:00`;
    const hold = await request<{ hold_id: string; places: number }>('POST', '/api/v1/public/demo/holds', {
      location_id: scene.locationId,
      procedure_id: scene.procedureId,
      start,
      places: 1,
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const calendar = await request<{ pools: { pool_id: string; days: { slots: StaffSlot[] }[] }[] }>(
      'GET',
      `/api/v1/bookings/calendar?location_id=${scene.locationId}&from=${date}&to=${date}`,
      undefined,
      scene.token,
    );
    const slots = calendar.body.pools.find((p) => p.pool_id === scene.poolId)!.days[0]!.slots;
    expect(slots.map((s) => [s.places, s.booked, s.remaining, s.held])).toEqual([
      [1, 0, 0, 1],
      [1, 0, 1, 0],
    ]);

    const page = await newPage(browser);
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/staff/bookings?view=week&date=${date}&location=${scene.locationId}`);
    const week = page.locator('table.bookings-week');
    await week.waitFor();
    await expect.poll(() => week.locator('thead').textContent()).toContain(formatShortDate(date));
    // The day's slots are the only ones of one place: 0/1.
    const nine = week.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^09:00/ }) });
    const cell = nine.locator('td').filter({ hasText: /^0\/1 / });
    await expect.poll(() => cell.textContent()).toBe('0/1 残り0（仮押さえ1）');
    expect(await cell.getAttribute('class')).toContain('bookings-held');
    const half = week.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^09:30/ }) });
    expect(
      await half
        .locator('td')
        .filter({ hasText: /^0\/1 / })
        .textContent(),
    ).toBe('0/1 残1');
    expect(await page.getByText('仮押さえ: 住民が入力中の枠。入力が終わらなければ数分で空きに戻ります。').count()).toBe(
      1,
    );
    await expectAccessible(page, 'week calendar with a held slot');
    await screenshot(page, 'calendar-held-week');

    // The day view says the same in its 残り column.
    await page.getByRole('button', { name: '日', exact: true }).click();
    await expect.poll(() => page.locator('.bookings-period').textContent()).toContain(formatDate(date));
    const row = page.locator('table.bookings-day-slots tbody tr').first();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('残り0（仮押さえ1）');
    await expectAccessible(page, 'day calendar with a held slot');
    await screenshot(page, 'calendar-held-day');

    // Given back (the resident left): free again.
    const released = await request('DELETE', `/api/v1/public/demo/holds/${hold.body.hold_id}`);
    expect(released.status).toBe(204);
    await page.reload();
    await expect
      .poll(() => page.locator('table.bookings-day-slots tbody tr').first().locator('td').nth(2).textContent())
      .toBe('1');
  });
});
