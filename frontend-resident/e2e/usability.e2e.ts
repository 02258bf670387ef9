// Issue 14, a usability walk: focus on the first faulty field with its label in view,
// look-up and date messages that say what is wrong, the confirmation showing what will be
// stored, the text-size switch, slot times that never wrap, a reload of the booking's
// pages, and the counter's phone number.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from './api';
import { expectAccessible, launch, newPage, screenshot, screenshotOf } from './browser';
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

/** The issuance calendar at the main office, where the form asks for every kind of field. */
async function issuanceCalendar(page: Page): Promise<void> {
  const [location, procedure] = await Promise.all([
    api.idOf('locations', '本庁舎'),
    api.idOf('procedures', 'マイナンバーカード交付'),
  ]);
  await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
  await page.locator('table.month').waitFor();
}

/** The focused element's id. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Whether the element is wholly inside the window, top to bottom. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  }, selector);
}

/** Chooses the first day with room and waits for its slots. */
async function showSlots(page: Page): Promise<void> {
  await page.locator('td.day-many button, td.day-some button, td.day-few button').first().click();
  await page.locator('.slot-list .slot-time').first().waitFor();
}

/** The slot times that take more than one line, or stick out of their button. */
function brokenSlotTimes(page: Page): Promise<string[]> {
  return page.locator('.slot-time').evaluateAll((times) =>
    times
      .filter((time) => {
        const line = Number.parseFloat(getComputedStyle(time).lineHeight);
        const box = time.getBoundingClientRect();
        const button = time.closest('button')?.getBoundingClientRect();
        const outside = !button || box.left < button.left || box.right > button.right;
        return box.height > line * 1.5 || outside;
      })
      .map((time) => time.textContent ?? ''),
  );
}

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

describe('a resident who sends the form with mistakes', () => {
  it('lands on the first faulty field with its label and message in view, the mail address too', async () => {
    const page = await newPage(browser);
    await issuanceCalendar(page);
    await pickSlot(page);
    await expect.poll(() => heading(page)).toBe('来庁する方の情報');

    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => focused(page)).toBe('applicant-0-management_number');
    expect(await inView(page, 'label[for="applicant-0-management_number"]')).toBe(true);
    expect(await inView(page, '#applicant-0-management_number-error')).toBe(true);

    // Everything right but the mail address, the last field of the form.
    await fillIssuanceForm(page, {
      number: 'E1F234567',
      name: '鈴木 次郎',
      kana: 'スズキ ジロウ',
      birth: '1982/5/6',
      phone: '0312345678',
      email: 'jiro@example',
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => focused(page)).toBe('contact-email');
    expect(await inView(page, 'label[for="contact-email"]')).toBe(true);
    expect(await page.locator('#contact-email-error').textContent()).toBe(
      'メールアドレスの形式が正しくありません（例：taro@example.jp）。',
    );
    expect(await inView(page, '#contact-email-error')).toBe(true);
    await expectAccessible(page, 'form with a faulty mail address');
    await screenshot(page, 'form-mail-error-375');

    // The summary's link goes to the field the same way.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('link', { name: /^メールアドレス：/ }).click();
    await expect.poll(() => focused(page)).toBe('contact-email');
    expect(await inView(page, 'label[for="contact-email"]')).toBe(true);
  });

  it('is told that a day which does not exist does not exist', async () => {
    const page = await newPage(browser);
    await issuanceCalendar(page);
    await pickSlot(page);
    await fillIssuanceForm(page, {
      number: 'E1F234568',
      name: '鈴木 三郎',
      kana: 'すずき さぶろう',
      birth: '昭和５７年２月３０日',
      phone: '0312345678',
      email: 'saburo@example.jp',
    });
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => focused(page)).toBe('applicant-0-birth_date');
    expect(await page.locator('#applicant-0-birth_date-error').textContent()).toBe(
      '2月30日はありません。日付をお確かめください。',
    );
    await page.getByRole('textbox', { name: '生年月日' }).fill('昭和64年2月1日');
    await page.getByRole('textbox', { name: '生年月日' }).blur();
    await page.getByText('昭和64年2月1日はありません。昭和は64年1月7日までです。').first().waitFor();
    await expectAccessible(page, 'form with a date that does not exist');
  });
});

describe('the confirmation page', () => {
  it('shows the input as it will be stored: katakana, capitals, half-width digits, grouped phone', async () => {
    const page = await newPage(browser);
    await issuanceCalendar(page);
    await pickSlot(page);
    await fillIssuanceForm(page, {
      number: 'ｃ２ｄ－３４５６７８',
      name: '山田　太郎',
      kana: 'ﾔﾏﾀﾞ たろう',
      birth: '昭和５０年４月１日',
      phone: '０９０１２３４５６７８',
      email: 'Ｙａｍａｄａ＠Ｅｘａｍｐｌｅ．ＪＰ',
    });
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('入力内容の確認');

    const shown = await page.locator('.summary-row').evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((row) => {
          const term = row.querySelector('dt')?.cloneNode(true) as HTMLElement;
          // The term's ふりがな is not part of its name.
          term.querySelectorAll('rt, rp').forEach((reading) => reading.remove());
          return [term.textContent, row.querySelector('dd')?.textContent];
        }),
      ),
    );
    expect(shown).toEqual({
      製造管理番号: 'C2D345678',
      氏名: '山田 太郎',
      フリガナ: 'ヤマダ タロウ',
      生年月日: '昭和50年4月1日（1975/04/01）',
      電話番号: '090-1234-5678',
      メールアドレス: 'Yamada@example.jp',
    });
    expect(await page.locator('dt ruby rt').first().textContent()).toBe('せいぞうかんりばんごう');
    await expectAccessible(page, 'confirmation with normalised values');
    await screenshot(page, 'confirm-normalised-375');
  });
});

describe('the look-up page', () => {
  it('says what is wrong with a mistyped reception number before asking the server', async () => {
    const page = await newPage(browser);
    let lookups = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/bookings/lookup')) lookups += 1;
    });
    await page.goto(`${baseUrl}/r/demo/lookup`);
    await expect.poll(() => heading(page)).toBe('予約の確認・変更・取消');
    await page.getByRole('textbox', { name: '受付番号' }).fill('１２３４ ５６７８');
    await page.locator('#lookup-password').fill('AbCd3467');
    await page.getByRole('button', { name: '予約を確認する' }).click();

    const message = '受付番号は10桁の数字です（いま8桁）。';
    await expect.poll(() => page.locator('#lookup-reception-error').textContent()).toBe(message);
    await page.getByRole('alert').getByText(message, { exact: false }).waitFor();
    await expect.poll(() => focused(page)).toBe('lookup-reception');
    expect(await inView(page, 'label[for="lookup-reception"]')).toBe(true);
    await expectAccessible(page, 'look-up with a short reception number');
    await screenshot(page, 'lookup-short-number-375');

    await page.getByRole('textbox', { name: '受付番号' }).fill('12345 6789O');
    await page.getByRole('button', { name: '予約を確認する' }).click();
    await expect
      .poll(() => page.locator('#lookup-reception-error').textContent())
      .toBe('受付番号は数字だけです。数字でない文字（「O」）が入っています。');

    await page.getByRole('textbox', { name: '受付番号' }).fill('12345-67891');
    await page.getByRole('button', { name: '予約を確認する' }).click();
    await expect
      .poll(() => page.locator('#lookup-reception-error').textContent())
      .toContain('受付番号に打ち間違いがあるようです。');
    expect(lookups).toBe(0);
  });
});

describe('a resident who reloads the booking details', () => {
  it('gets the booking back with the token the tab kept, until the look-up expires', async () => {
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', '電子証明書の更新'),
    ]);
    const slot = (await api.days(location, procedure))[1]?.slots.find((s) => s.remaining > 0);
    if (!slot) throw new Error('no free slot for 電子証明書の更新');
    const booked = await api.book({
      location_id: location,
      procedure_id: procedure,
      start: slot.start,
      applicants: [{ name: '再読 花子', birth_date: '1970-03-03' }],
      phone: '0311112222',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const reception = booked.body.reception_number ?? '';
    const password = booked.body.password ?? '';

    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/lookup`);
    // Typed as it is written down: full-width digits in two groups with a hyphen.
    const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await page
      .getByRole('textbox', { name: '受付番号' })
      .fill(fullWidth(`${reception.slice(0, 5)}－${reception.slice(5)}`));
    await page.locator('#lookup-password').fill(password);
    await page.getByRole('button', { name: '予約を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('ご予約の内容');
    await page.getByText('再読 花子', { exact: false }).waitFor();
    const shownSlot = (await page.locator('dd strong').textContent()) ?? '';
    expect(shownSlot).toContain(`${Number(slot.start.slice(11, 13))}:${slot.start.slice(14, 16)}〜`);
    // The reception number is in the address, for the reload to ask the server with.
    expect(new URL(page.url()).pathname).toBe(`/r/demo/lookup/booking/${reception}`);

    // Nothing personal is written down: one key, holding the token and when it ends.
    const storedOnly = async () => {
      const stored = await page.evaluate(() => ({ ...sessionStorage }));
      expect(Object.keys(stored)).toEqual(['madoguchi.lookup-token']);
      const value = stored['madoguchi.lookup-token'] ?? '';
      for (const personal of ['再読', '花子', '0311112222', reception, password]) expect(value).not.toContain(personal);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      return JSON.parse(value) as { token: string; expiresAt: number };
    };
    const { token } = await storedOnly();

    /** Reloads the page and waits for the server's answer to the booking's GET. */
    const reloadAsking = async () => {
      const asked = page.waitForResponse(
        (response) => response.url().endsWith(`/bookings/${reception}`) && response.request().method() === 'GET',
      );
      await page.reload();
      return (await asked).status();
    };

    expect(await reloadAsking()).toBe(200);
    await expect.poll(() => heading(page)).toBe('ご予約の内容');
    expect(await page.locator('dd.number').textContent()).toBe(reception);
    expect(await page.locator('dd strong').textContent()).toBe(shownSlot);
    await page.getByText('再読 花子', { exact: false }).waitFor();
    await storedOnly();
    await expectAccessible(page, 'details after a reload');
    await screenshot(page, 'details-reloaded-375');

    // The change and the cancel pages come back the same way.
    await page.getByRole('link', { name: '日時を変更する' }).click();
    await expect.poll(() => heading(page)).toBe('新しい日時を選んでください');
    expect(await reloadAsking()).toBe(200);
    await expect.poll(() => heading(page)).toBe('新しい日時を選んでください');
    await page.getByText(`変更前：${shownSlot}`).waitFor();
    await page.locator('table.month').waitFor();
    await expectAccessible(page, 'change calendar after a reload');
    await page.goBack();
    await expect.poll(() => heading(page)).toBe('ご予約の内容');
    await page.getByRole('link', { name: '予約を取り消す' }).click();
    await expect.poll(() => heading(page)).toBe('予約の取消の確認');
    expect(await reloadAsking()).toBe(200);
    await expect.poll(() => heading(page)).toBe('予約の取消の確認');
    expect(await page.locator('dd.number').textContent()).toBe(reception);
    await expectAccessible(page, 'cancel confirmation after a reload');

    // The token lasts 15 minutes. The server's clock cannot be moved from here, so the
    // browser's is: the page judges the token by the end it noted on this clock, and does
    // not send a token that has run out.
    let asked = 0;
    page.on('request', (request) => {
      if (request.url().endsWith(`/bookings/${reception}`)) asked += 1;
    });
    await page.clock.fastForward('16:00');
    await page.reload();
    await expect.poll(() => heading(page)).toBe('予約の確認をやり直してください');
    await page.getByText('安全のため、予約を確認してから一定の時間が過ぎたので', { exact: false }).waitFor();
    await expectAccessible(page, 'cancel page after the look-up expired');
    await screenshot(page, 'details-expired-375');
    await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(asked).toBe(0);

    // A token the server refuses (401: here its signature is spoilt, as after the server's
    // keys change) though this clock gives it time left: said, and forgotten too.
    await page.evaluate(
      (spoilt) => {
        const kept = { token: spoilt, expiresAt: Date.now() + 60 * 60_000 };
        sessionStorage.setItem('madoguchi.lookup-token', JSON.stringify(kept));
      },
      `${token.slice(0, -4)}AAAA`,
    );
    expect(await reloadAsking()).toBe(401);
    await expect.poll(() => heading(page)).toBe('予約の確認をやり直してください');
    await page.getByText('予約の内容を表示できませんでした。', { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBe(0);
    await expectAccessible(page, 'details with a refused token');
    await page.getByRole('link', { name: '受付番号とパスワードを入力する' }).click();
    await expect.poll(() => heading(page)).toBe('予約の確認・変更・取消');
  });
});

describe('the counter’s phone number', () => {
  it('is in the footer of every page, and on the help, FAQ and look-up pages, as a large link that calls it', async () => {
    const page = await newPage(browser);
    const pages = [
      ['', 'デモ市 マイナンバーカード窓口予約', null],
      [
        'help',
        'ヘルプ（予約のしかた）',
        'わからないことがあるときや、インターネットでの予約が難しいときは、お電話ください。',
      ],
      ['faq', 'よくある質問', 'ここにない質問は、お電話でお問い合わせください。'],
      ['lookup', '予約の確認・変更・取消', 'パスワードを忘れた方・電話で予約したい方は、お電話ください。'],
    ] as const;
    for (const [path, title, lead] of pages) {
      await page.goto(`${baseUrl}/r/demo/${path}`);
      await expect.poll(() => heading(page)).toBe(title);
      const footer = page.getByRole('contentinfo');
      await footer.getByText('お問い合わせ', { exact: true }).waitFor();
      await footer.getByText('受付時間：平日 8:30〜17:15（デモ）').waitFor();
      const places = lead ? [footer, page.getByRole('region', { name: 'お問い合わせ' })] : [footer];
      if (lead) await places[1]?.getByText(lead).waitFor();
      for (const place of places) {
        const call = place.getByRole('link', { name: '000-0000-0000' });
        expect(await call.getAttribute('href')).toBe('tel:00000000000');
        // A finger-sized target, in larger type than the text around it.
        expect((await call.boundingBox())?.height).toBeGreaterThanOrEqual(48);
        expect(Number.parseFloat(await call.evaluate((link) => getComputedStyle(link).fontSize))).toBeGreaterThan(
          Number.parseFloat(await rootFontSize(page)),
        );
      }
      await expectAccessible(page, `お問い合わせ on /${path}`);
    }
    await screenshot(page, 'lookup-contact-375');
    await screenshotOf(page.getByRole('contentinfo'), 'footer-contact-375');
  });
});

describe('large text', () => {
  it('is chosen in the header, scales the whole page and is remembered across a reload', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/`);
    await expect.poll(() => heading(page)).toBe('デモ市 マイナンバーカード窓口予約');
    expect(await rootFontSize(page)).toBe('18px');
    const sizes = page.getByRole('group', { name: '文字サイズ' });
    await sizes.getByRole('button', { name: '特大' }).click();
    expect(await rootFontSize(page)).toBe('26px');
    await expectAccessible(page, 'top page at 特大');

    await page.reload();
    await expect.poll(() => heading(page)).toBe('デモ市 マイナンバーカード窓口予約');
    expect(await rootFontSize(page)).toBe('26px');
    expect(await sizes.getByRole('button', { name: '特大' }).getAttribute('aria-pressed')).toBe('true');
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'text-xlarge-top-375', { fullPage: false });

    await issuanceCalendar(page);
    await showSlots(page);
    expect(await brokenSlotTimes(page)).toEqual([]);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'calendar at 特大');
    await screenshot(page, 'text-xlarge-375');
    await page.locator('.slot-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'text-xlarge-slots-375', { fullPage: false });

    await sizes.getByRole('button', { name: '標準' }).click();
    expect(await rootFontSize(page)).toBe('18px');
    expect(await page.evaluate(() => localStorage.getItem('madoguchi.text-size'))).toBe('standard');
  });

  it('never breaks a slot time across lines at 375 px with the browser’s text at 200 %', async () => {
    const page = await newPage(browser);
    // The browser's own text size setting (Chrome: Settings → Appearance → Font size).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await issuanceCalendar(page);
    expect(await rootFontSize(page)).toBe('36px');
    await showSlots(page);
    expect(await page.locator('.slot-time').count()).toBeGreaterThan(0);
    expect(await brokenSlotTimes(page)).toEqual([]);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.locator('.slot-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'slots-200-percent-375', { fullPage: false });
  });
});
