// The resident's booking in WebKit, the engine of every iPhone browser: the whole flow in a
// phone-sized window, and the form's error focus (WebKit scrolls a focused field
// differently from Chromium, and most residents book on an iPhone).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from '../e2e/api';
import { now } from '../e2e/clock';
import {
  PHONE,
  click,
  fill,
  find,
  heading,
  inView,
  launchWebKit,
  pageErrors,
  pinDate,
  until,
  watchErrors,
  type WebKit,
} from './driver';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
let webkit: WebKit;

beforeAll(async () => {
  webkit = await launchWebKit();
});
afterAll(async () => {
  await webkit?.close();
});

/** A full load of `path`, with the page's clock pinned to the server's and errors watched. */
async function open(path: string): Promise<void> {
  await webkit.client.navigateTo(`${baseUrl}${path}`);
  await pinDate(webkit.client, now());
  await watchErrors(webkit.client);
}

/**
 * Chooses the first day the server itself offers a free slot on (not the browser's idea
 * of today), moving on a month or two when the window reaches into the next, then the
 * day's first free slot.
 */
async function pickFirstSlot(locationName: string, procedureName: string): Promise<void> {
  const { client } = webkit;
  const [location, procedure] = await Promise.all([
    api.idOf('locations', locationName),
    api.idOf('procedures', procedureName),
  ]);
  const day = (await api.days(location, procedure))[0];
  if (!day) throw new Error('the demo has no free slot');
  await find(client, 'table.month');
  for (let months = 0; ; months += 1) {
    const shown = await client.executeScript('return document.querySelector(arguments[0]) !== null', [
      `button[data-date="${day.date}"]`,
    ]);
    if (shown) break;
    if (months === 3) throw new Error(`${day.date} is not in the calendar`);
    const caption = await client.executeScript('return document.querySelector("table.month caption")?.textContent', []);
    await click(client, '.month-nav button:last-of-type');
    await expect
      .poll(() => client.executeScript('return document.querySelector("table.month caption")?.textContent', []))
      .not.toBe(caption);
  }
  await click(client, `button[data-date="${day.date}"]`);
  await click(client, '.slot-list button:not([disabled])');
}

describe('a resident on an iPhone (WebKit)', () => {
  it('books a card hand-over from the top page to the reception number', async () => {
    const { client } = webkit;
    await open('/r/demo/');
    // The window really is phone-sized (and MiniBrowser kept it so).
    expect(await client.executeScript('return window.innerWidth', [])).toBeLessThanOrEqual(PHONE.width);
    expect(await client.executeScript('return navigator.language', [])).toMatch(/^ja/);
    await until(client, heading, 'デモ市 マイナンバーカード窓口予約');

    await click(client, 'a.button', 'マイナンバーカード交付の予約へ進む');
    await until(client, heading, '場所を選んでください');
    await click(client, 'a.button', '本庁舎で予約する');
    await until(client, heading, '日時を選んでください');
    await pickFirstSlot('本庁舎', 'マイナンバーカード交付');

    await until(client, heading, '来庁する方の情報');
    // Typed as people type: full-width digits and a hyphen, 旧字体, hiragana, 和暦.
    await fill(client, 'applicant-0-management_number', 'ａ１ｂ－２３４５６７');
    await fill(client, 'applicant-0-name', '髙橋 太郎');
    await fill(client, 'applicant-0-name_kana', 'たかはし たろう');
    await fill(client, 'applicant-0-birth_date', '昭和５０年４月１日');
    await fill(client, 'contact-phone', '０９０－１２３４－５６７８');
    await fill(client, 'contact-email', 'taro@example.jp');
    await click(client, 'button[type="submit"]', '入力内容を確認する');

    await until(client, heading, '入力内容の確認');
    await find(client, 'dd', '昭和50年4月1日（1975/04/01）');
    await click(client, 'button', '予約する');

    await until(client, heading, '予約が完了しました');
    const reception = (await client.executeScript(
      'return document.querySelector("[data-testid=reception-number]")?.textContent ?? ""',
      [],
    )) as string;
    // Shown in two groups of five for reading aloud; the number itself has no space.
    expect(reception.replace(/\s/g, '')).toMatch(/^\d{10}$/);
    expect(await pageErrors(client)).toEqual([]);
  });

  it('after a faulty mail address, lands on it with its label and message in view', async () => {
    const { client } = webkit;
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', 'マイナンバーカード交付'),
    ]);
    await open(`/r/demo/book/${procedure}/${location}`);
    await pickFirstSlot('本庁舎', 'マイナンバーカード交付');
    await until(client, heading, '来庁する方の情報');

    // Everything right but the mail address, the last field of the form.
    await fill(client, 'applicant-0-management_number', 'E1F234567');
    await fill(client, 'applicant-0-name', '鈴木 次郎');
    await fill(client, 'applicant-0-name_kana', 'スズキ ジロウ');
    await fill(client, 'applicant-0-birth_date', '1982/5/6');
    await fill(client, 'contact-phone', '0312345678');
    await fill(client, 'contact-email', 'jiro@example');
    await client.executeScript('window.scrollTo(0, 0)', []);
    await click(client, 'button[type="submit"]', '入力内容を確認する');

    await until(client, 'return document.activeElement?.id ?? ""', 'contact-email');
    expect(await client.executeScript('return document.getElementById("contact-email-error")?.textContent', [])).toBe(
      'メールアドレスの形式が正しくありません（例：taro@example.jp）。',
    );
    // Scrolling may run on after focus lands (smooth scrolling): wait for both to be shown.
    await expect.poll(() => inView(client, 'label[for="contact-email"]')).toBe(true);
    await expect.poll(() => inView(client, '#contact-email-error')).toBe(true);
    expect(await pageErrors(client)).toEqual([]);
  });
});
