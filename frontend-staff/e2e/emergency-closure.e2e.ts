// 臨時休業 with bookings: a typhoon is coming and the counter must close on a day residents
// have booked. Closing the day is refused with the list of bookings; the administrator
// cancels them with it, writing the notice each resident gets first in the cancellation
// mail. Someone booking while the dialog is open is shown before anything is cancelled.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDate, todayInTokyo } from '../../frontend-shared/dates/japan';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';
import { demo, emptyDays, request, residentBooks, type Demo } from './demo';
import { outbox } from './mail';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
let browser: Browser;
let scene: Demo;

beforeAll(async () => {
  browser = await launch();
  scene = await demo();
});
afterAll(async () => {
  await browser?.close();
});

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

/** The date editor of 本庁舎's counter on `date`, with "closed for the day" chosen and saved: refused. */
async function tryToClose(date: string, reason: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, baseUrl, 'admin');
  await page.goto(`${baseUrl}/staff/settings/counters`);
  await page.getByRole('link', { name: '本庁舎 窓口の受付時間と枠' }).click();
  await expect.poll(() => heading(page)).toBe('本庁舎 窓口の受付時間と枠');
  await page.locator('.schedule-day:not(.schedule-day-loading)').first().waitFor();
  if (date.slice(0, 7) !== todayInTokyo(now()).slice(0, 7)) await page.getByRole('button', { name: /次の月/ }).click();
  const day = page.locator(`#schedule-day-${date}`);
  await expect.poll(() => day.textContent()).toContain('予約');
  await day.click();
  const editor = page.locator('.schedule-date-editor');
  await editor.getByRole('radio', { name: /この窓口をこの日だけ休みにする/ }).check();
  await editor.getByLabel('休みの理由（職員向け）').fill(reason);
  await editor.getByRole('button', { name: 'この日の設定を保存' }).click();
  await page.getByRole('alert').filter({ hasText: '次の予約に影響するため、変更できません' }).waitFor();
  return page;
}

async function status(number: string): Promise<string> {
  const { body } = await request<{ booking: { status: string } }>(
    'GET',
    `/api/v1/bookings/${number}`,
    undefined,
    scene.token,
  );
  return body.booking.status;
}

async function closedAs(date: string): Promise<string | null | undefined> {
  const { body } = await request<{ pools: { pool_id: string; days: { closed?: string | null }[] }[] }>(
    'GET',
    `/api/v1/bookings/calendar?location_id=${scene.locationId}&from=${date}&to=${date}`,
    undefined,
    scene.token,
  );
  return body.pools.find((p) => p.pool_id === scene.poolId)?.days[0]?.closed;
}

/** The dialog's bookings: `1234567897 2026年12月3日（木） 9:00`, a row each. */
async function listed(page: Page): Promise<string[]> {
  return page
    .getByRole('dialog')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim()).join(' ')),
    );
}

const at = (date: string, time: string) => `${date}T${time}:00+09:00`;
const hm = (time: string) => time.replace(/^0/, '');

describe('emergency closure', () => {
  it('closes a booked day, cancelling both bookings with the notice mailed to each resident', async () => {
    const day = (await emptyDays(scene))[0];
    if (!day) throw new Error('no bookable day without bookings');
    const date = day.date;
    const first = await residentBooks(scene, at(date, '09:00'), {
      name: '台風 一郎',
      birth_date: '1970-05-05',
      phone: '09055550001',
      email: 'ichiro@example.jp',
    });
    const second = await residentBooks(scene, at(date, '14:30'), {
      name: '台風 花子',
      birth_date: '1982-09-09',
      phone: '09055550002',
      email: 'hanako@example.jp',
    });

    const page = await tryToClose(date, '台風接近');
    await page.getByRole('button', { name: '予約を取り消して臨時休業にする' }).click();
    const dialog = page.getByRole('dialog', { name: `${formatDate(date)}を臨時休業にして予約を取り消す` });
    await dialog.waitFor();
    expect(await listed(page)).toEqual([
      `${first} ${formatDate(date)} ${hm('09:00')}`,
      `${second} ${formatDate(date)} ${hm('14:30')}`,
    ]);
    expect(await dialog.textContent()).toContain('取り消した予約は元に戻せません。');
    expect(await dialog.textContent()).toContain('取消のメールがすぐに届きます');
    const notice = dialog.getByLabel(/住民へのお知らせ/);
    expect(await notice.inputValue()).toBe(
      'やむを得ない事情により、この日は臨時休業とさせていただきます。お手数ですが、改めてご予約ください。',
    );
    // Required: an empty notice is named, nothing is sent.
    await notice.fill('');
    await dialog.getByRole('button', { name: '2件の予約を取り消して臨時休業にする' }).click();
    await expect.poll(() => dialog.textContent()).toContain('住民へのお知らせを入力してください。');
    expect(await status(first)).toBe('booked');

    const text = '台風の接近により、この日は臨時休業とさせていただきます。お手数ですが、改めてご予約ください。';
    await notice.fill(text);
    await expectAccessible(page, 'emergency closure dialog');
    await screenshot(page, 'closure-dialog');
    await dialog.getByRole('button', { name: '2件の予約を取り消して臨時休業にする' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '臨時休業にし' }).textContent())
      .toBe(`${formatDate(date)}を臨時休業にし、2件の予約を取り消しました。`);
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator(`#schedule-day-${date}`).textContent()).toContain('臨時休業');
    await screenshot(page, 'closure-done');

    expect(await status(first)).toBe('cancelled');
    expect(await status(second)).toBe('cancelled');
    expect(await closedAs(date)).toBe('closure');
    // Each resident's cancellation mail starts with the notice.
    for (const number of [first, second]) {
      await expect
        .poll(() => outbox(dataDir).filter((mail) => mail.includes(number) && mail.includes(text)).length, {
          timeout: 15_000,
        })
        .toBe(1);
      const mail = outbox(dataDir).find((m) => m.includes(number) && m.includes(text))!;
      expect(mail.indexOf(text)).toBeLessThan(mail.lastIndexOf('受付番号'));
    }
  });

  it('shows the new list when a resident books while the dialog is open, and cancels only once confirmed', async () => {
    const day = (await emptyDays(scene))[0];
    if (!day) throw new Error('no bookable day without bookings');
    const date = day.date;
    const first = await residentBooks(scene, at(date, '10:00'), {
      name: '豪雨 太郎',
      birth_date: '1965-03-03',
      phone: '09055550003',
      email: 'taro@example.jp',
    });
    const page = await tryToClose(date, '大雨');
    await page.getByRole('button', { name: '予約を取り消して臨時休業にする' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await listed(page)).toEqual([`${first} ${formatDate(date)} ${hm('10:00')}`]);

    // Meanwhile another resident books the same day.
    const late = await residentBooks(scene, at(date, '11:30'), {
      name: '豪雨 次郎',
      birth_date: '1968-06-06',
      phone: '09055550004',
      email: 'jiro@example.jp',
    });
    await dialog.getByRole('button', { name: '1件の予約を取り消して臨時休業にする' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('この日の予約が変わりました');
    expect(await listed(page)).toEqual([
      `${first} ${formatDate(date)} ${hm('10:00')}`,
      `${late} ${formatDate(date)} ${hm('11:30')}`,
    ]);
    // Nothing was cancelled or closed yet.
    expect(await status(first)).toBe('booked');
    expect(await closedAs(date)).toBeFalsy();
    await screenshot(page, 'closure-dialog-relisted');

    await dialog.getByRole('button', { name: '2件の予約を取り消して臨時休業にする' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '臨時休業にし' }).textContent())
      .toBe(`${formatDate(date)}を臨時休業にし、2件の予約を取り消しました。`);
    expect(await status(first)).toBe('cancelled');
    expect(await status(late)).toBe('cancelled');
    expect(await closedAs(date)).toBe('closure');
  });
});
