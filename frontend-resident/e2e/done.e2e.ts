// Issue 14, the completion page as the resident keeps it and the counter reads it: the day
// in 西暦 and 和暦, where with its address, the password in groups that still copies as
// the ten characters to type, the reception number's QR code read back from its picture
// (as the counter's reader would read it), what to bring and whom to call; and, printed,
// one A4 page without the site's menus and buttons.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from './api';
import { expectAccessible, launch, newPage, screenshot, SCREENSHOTS } from './browser';
import { fillIssuanceForm, heading, pickSlot } from './steps';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A4 less the page's margins (styles.css, @page: 12 mm by 14 mm), in CSS pixels (96 per inch). */
const A4_PRINTABLE = {
  width: Math.floor(((210 - 2 * 14) * 96) / 25.4),
  height: Math.floor(((297 - 2 * 12) * 96) / 25.4),
};

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** Two residents, each booking once: one person may hold one booking for the procedure. */
const RESIDENTS = {
  kazuko: {
    number: 'K7M305214',
    name: '伊藤 和子',
    kana: 'イトウ カズコ',
    birth: '昭和45年10月10日',
    phone: '090-2222-3333',
    email: 'kazuko@example.jp',
  },
  shiro: {
    number: 'P4Q781236',
    name: '伊藤 四郎',
    kana: 'イトウ シロウ',
    birth: '平成3年3月3日',
    phone: '090-4444-5555',
    email: '',
  },
};

/** Books a card hand-over at the main office through the pages, up to the completion page. */
async function bookToCompletion(page: Page, person: (typeof RESIDENTS)[keyof typeof RESIDENTS]): Promise<void> {
  const [location, procedure] = await Promise.all([
    api.idOf('locations', '本庁舎'),
    api.idOf('procedures', 'マイナンバーカード交付'),
  ]);
  await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
  await pickSlot(page);
  await expect.poll(() => heading(page)).toBe('来庁する方の情報');
  await fillIssuanceForm(page, person);
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await expect.poll(() => heading(page)).toBe('入力内容の確認');
  await page.getByRole('button', { name: '予約する' }).click();
  await expect.poll(() => heading(page)).toBe('予約が完了しました');
}

/** What a QR code reader reads from the picture of `part`, as it is drawn on the page. */
async function readQr(part: Locator): Promise<string | undefined> {
  const image = PNG.sync.read(await part.screenshot());
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** The pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree above them). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describe('the completion page', () => {
  it('shows the day in 西暦 and 和暦, the place, the grouped password and a QR code the counter can read', async () => {
    const page = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await bookToCompletion(page, RESIDENTS.kazuko);
    const reception = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    expect(reception).toMatch(/^\d{10}$/);

    // The day in both calendars with its weekday, then the time; checked here by arithmetic
    // of its own, not with the page's helpers.
    const when = (await page.getByTestId('visit-date').textContent()) ?? '';
    const match =
      /^(\d{4})年(\d{1,2})月(\d{1,2})日（(.)） 令和(元|\d+)年(\d{1,2})月(\d{1,2})日 \d{1,2}:\d{2}〜\d{1,2}:\d{2}$/.exec(
        when,
      );
    expect(match, when).not.toBeNull();
    const [, year, month, day, weekday, eraYear, eraMonth, eraDay] = match ?? [];
    expect(WEEKDAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()]).toBe(weekday);
    expect(eraYear === '元' ? 1 : Number(eraYear)).toBe(Number(year) - 2018);
    expect([eraMonth, eraDay]).toEqual([month, day]);

    // The procedure, and the place with its address as the municipality wrote it.
    const { body: locations } = await api.json<{ name: string; address: string }[]>(
      'GET',
      '/api/v1/public/demo/locations',
    );
    const main = locations.find((l) => l.name === '本庁舎');
    expect(main?.address).toBeTruthy();
    expect(await page.getByTestId('visit-location').textContent()).toBe(`本庁舎${main?.address}`);
    await page.locator('.done-summary dd', { hasText: 'マイナンバーカード交付' }).waitFor();

    // The password in two groups of five, set apart on screen with no character between them.
    const password = page.getByTestId('password');
    const plain = (await password.textContent()) ?? '';
    expect(plain).toMatch(/^[0-9A-Z]{10}$/);
    const groups = await password.locator('span').allTextContents();
    expect(groups).toEqual([plain.slice(0, 5), plain.slice(5)]);
    const [first, second] = await Promise.all([
      password.locator('span').nth(0).boundingBox(),
      password.locator('span').nth(1).boundingBox(),
    ]);
    expect((second?.x ?? 0) - ((first?.x ?? 0) + (first?.width ?? 0))).toBeGreaterThan(8);
    // Selected and copied, it is the ten characters to type, with no space or line break.
    await password.selectText();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(plain);
    await page.keyboard.press('ControlOrMeta+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(plain);
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await page.getByText('パスワードは、この画面とメールでだけお知らせします。', { exact: false }).waitFor();

    // The QR code holds the reception number and nothing else: its picture decodes to it.
    const qr = page.getByRole('img', { name: `受付番号 ${reception} のQRコード` });
    expect(await readQr(qr)).toBe(reception);

    const bring = page.getByRole('region', { name: 'お持ちいただくもの' });
    const things = await bring.getByRole('listitem').allTextContents();
    // The demo municipality wrote its own list for the hand-over: it is shown, not the default.
    expect(things.some((thing) => thing.startsWith('本人確認書類（運転免許証など'))).toBe(true);
    expect(things).toContain('通知カード（お持ちの方）');
    expect(things.some((thing) => thing.startsWith('交付通知書'))).toBe(true);
    await page.getByRole('region', { name: 'お問い合わせ' }).getByRole('link', { name: '000-0000-0000' }).waitFor();
    await expectAccessible(page, 'completion page');
    await screenshot(page, 'done-375');

    // 「この画面を印刷する」 opens the browser's printing.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => (counted.printed += 1);
    });
    await page.getByRole('button', { name: 'この画面を印刷する' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  });

  it('prints on one A4 page: the number, its QR code, the day, the place, what to bring and the phone', async () => {
    const page = await newPage(browser);
    await bookToCompletion(page, RESIDENTS.shiro);
    const reception = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    await page.setViewportSize(A4_PRINTABLE);
    await page.emulateMedia({ media: 'print' });

    // What means nothing on paper is gone…
    for (const gone of [
      page.getByRole('navigation', { name: 'サイト内メニュー' }),
      page.getByRole('navigation', { name: '予約の手順' }),
      page.getByRole('group', { name: '文字サイズ' }),
      page.getByRole('button', { name: 'この画面を印刷する' }),
      page.getByRole('link', { name: 'トップページへ戻る' }),
      page.locator('footer'),
    ])
      expect(await gone.isVisible(), String(gone)).toBe(false);
    // …and what the resident and the counter need is all there.
    for (const kept of [
      page.getByTestId('reception-number'),
      page.getByTestId('password'),
      page.getByRole('img', { name: `受付番号 ${reception} のQRコード` }),
      page.getByTestId('visit-date'),
      page.getByTestId('visit-location'),
      page.getByRole('region', { name: 'お持ちいただくもの' }),
      page.getByRole('region', { name: 'お問い合わせ' }).getByText('000-0000-0000'),
    ])
      expect(await kept.isVisible(), String(kept)).toBe(true);
    expect(await readQr(page.getByRole('img', { name: `受付番号 ${reception} のQRコード` }))).toBe(reception);
    await screenshot(page, 'done-print-a4');

    const pdf = await page.pdf({ format: 'A4' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(resolve(SCREENSHOTS, 'done-print.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(1);

    // The largest text size on screen still prints on one page: paper has a size of its own.
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '特大' }).click();
    await page.emulateMedia({ media: 'print' });
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
  });
});
