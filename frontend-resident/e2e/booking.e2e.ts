import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from './api';
import { DESKTOP, expectAccessible, launch, newPage, screenshot } from './browser';
import { outbox } from './mail';
import { fillIssuanceForm, heading, pickSlot } from './steps';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const api = new Api(baseUrl);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a resident on a phone', () => {
  it('books a card hand-over by clicking through, finds the number in the mail, then changes and cancels it', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/`);
    await expect.poll(() => heading(page)).toBe('デモ市 マイナンバーカード窓口予約');
    await page.getByText('予約は、ご来庁日の14日前から2日前までできます。', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'マイナンバーカード交付の予約へ進む' }).waitFor();
    await expectAccessible(page, 'top page');
    await screenshot(page, 'top-375');

    await page.getByRole('link', { name: 'マイナンバーカード交付の予約へ進む' }).click();
    await expect.poll(() => heading(page)).toBe('場所を選んでください');
    await expectAccessible(page, 'location page');
    await page.getByRole('link', { name: '本庁舎で予約する' }).click();

    await expect.poll(() => heading(page)).toBe('日時を選んでください');
    await page.locator('table.month').waitFor();
    await expectAccessible(page, 'calendar');
    await screenshot(page, 'calendar-375');
    const chosen = await pickSlot(page);
    expect(chosen).toMatch(/^\d{1,2}:\d{2}〜\d{1,2}:\d{2} 残り\d人$/);

    await expect.poll(() => heading(page)).toBe('来庁する方の情報');
    await page.getByText('この時間帯を、', { exact: false }).waitFor();
    // Sending the empty form names every missing field and moves focus to the first.
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('alert').filter({ hasText: '直していただきたいところがあります' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('applicant-0-management_number');
    expect(await page.locator('.field-error').count()).toBe(5);
    await expectAccessible(page, 'form with errors');

    // Typed as people type: full-width digits and a hyphen, 旧字体, hiragana, 和暦.
    await fillIssuanceForm(page, {
      number: 'ａ１ｂ－２３４５６７',
      name: '髙橋 太郎',
      kana: 'たかはし たろう',
      birth: '昭和５０年４月１日',
      phone: '０９０－１２３４－５６７８',
      email: 'taro@example.jp',
    });
    await page.getByText('1975年4月1日（昭和50年4月1日）として受け付けます。').waitFor();
    await page.getByRole('textbox', { name: 'メールアドレス' }).blur();
    expect(await page.locator('.field-error').count()).toBe(0);
    await expectAccessible(page, 'form');
    await screenshot(page, 'form-375');

    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await page.getByText('昭和50年4月1日（1975/04/01）').waitFor();
    await expectAccessible(page, 'confirmation');
    await page.getByRole('button', { name: '予約する' }).click();

    await expect.poll(() => heading(page)).toBe('予約が完了しました');
    // Shown in two groups of five for reading aloud; the number itself has no space.
    const reception = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    const password = (await page.getByTestId('password').textContent()) ?? '';
    expect(reception).toMatch(/^\d{10}$/);
    expect(password).toMatch(/^[0-9A-Z]{10}$/);
    await page.getByText('taro@example.jp に、予約の内容をメールでお送りしました。', { exact: false }).waitFor();
    // The counter's phone number, to call about the booking: a link that dials it.
    const contact = page.getByRole('region', { name: 'お問い合わせ' });
    await contact.getByText('予約についてわからないことがあるときは、お電話ください。').waitFor();
    expect(await contact.getByRole('link', { name: '000-0000-0000' }).getAttribute('href')).toBe('tel:00000000000');
    await contact.getByText('受付時間：平日 8:30〜17:15（デモ）').waitFor();
    // done-375.png is taken by done.e2e.ts, which looks at this page in detail.
    await expectAccessible(page, 'completion');

    // The mail in the outbox carries the very number shown on screen.
    await expect
      .poll(() => outbox(dataDir).some((mail) => mail.includes(`受付番号 ${reception}`) && mail.includes(password)), {
        timeout: 10_000,
      })
      .toBe(true);

    await page.getByRole('link', { name: '予約の確認・変更・取消' }).first().click();
    await expect.poll(() => heading(page)).toBe('予約の確認・変更・取消');
    await expectAccessible(page, 'look-up');
    await page.getByRole('textbox', { name: '受付番号' }).fill(reception);
    await page.locator('#lookup-password').fill(password);
    await page.getByRole('button', { name: '予約を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('ご予約の内容');
    await page.getByText('A1B234567', { exact: false }).waitFor();
    await expectAccessible(page, 'booking details');
    await screenshot(page, 'details-375');

    await page.getByRole('link', { name: '日時を変更する' }).click();
    await expect.poll(() => heading(page)).toBe('新しい日時を選んでください');
    await page.locator('table.month').waitFor();
    await expectAccessible(page, 'change calendar');
    await pickSlot(page, 1);
    await expect.poll(() => heading(page)).toBe('日時の変更の確認');
    const newTime = (await page.locator('dd strong').textContent()) ?? '';
    await expectAccessible(page, 'change confirmation');
    await page.getByRole('button', { name: 'この日時に変更する' }).click();
    await page.getByText('日時を変更しました。', { exact: false }).waitFor();
    expect(await page.locator('dd strong').textContent()).toBe(newTime);
    await expect
      .poll(() => outbox(dataDir).filter((mail) => mail.includes(reception)).length, { timeout: 10_000 })
      .toBe(2);

    await page.getByRole('link', { name: '予約を取り消す' }).click();
    await expect.poll(() => heading(page)).toBe('予約の取消の確認');
    await expectAccessible(page, 'cancel confirmation');
    await page.getByRole('button', { name: '予約を取り消す' }).click();
    await page.getByText('予約を取り消しました。').waitFor();
    await page.getByText('取消済み').waitFor();
    await expect
      .poll(() => outbox(dataDir).filter((mail) => mail.includes(reception)).length, { timeout: 10_000 })
      .toBe(3);
  });

  it('opens the look-up from the link in the mail with the number filled in, and leaves nothing of the link in the address', async () => {
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', '電子証明書の更新'),
    ]);
    const slot = (await api.days(location, procedure))[0]?.slots.find((s) => s.remaining > 0);
    if (!slot) throw new Error('no free slot for 電子証明書の更新');
    const booked = await api.book({
      location_id: location,
      procedure_id: procedure,
      start: slot.start,
      applicants: [{ name: 'リンク 葉子', birth_date: '1980-05-05' }],
      phone: '0322223333',
      email: 'link@example.jp',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const reception = booked.body.reception_number ?? '';
    const password = booked.body.password ?? '';
    const linkIn = (mail: string) => new RegExp(`/r/demo/lookup\\?n=${reception}&k=([A-Za-z0-9_-]+)`).exec(mail);
    let key = '';
    await expect
      .poll(() => (key = outbox(dataDir).map(linkIn).find(Boolean)?.[1] ?? ''), { timeout: 10_000 })
      .not.toBe('');

    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/lookup?n=${reception}&k=${key}`);
    await expect.poll(() => heading(page)).toBe('予約の確認・変更・取消');
    await expect.poll(() => page.getByRole('textbox', { name: '受付番号' }).inputValue()).toBe(reception);
    // Out of the address bar (and so of the history) once read; the key is never on the page.
    await expect.poll(() => page.url()).toBe(`${baseUrl}/r/demo/lookup`);
    expect(await page.content()).not.toContain(key);
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(key);

    await page.locator('#lookup-password').fill(password);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/bookings/lookup')),
      page.getByRole('button', { name: '予約を確認する' }).click(),
    ]);
    expect(request.postDataJSON()).toEqual({ reception_number: reception, password, mail_key: key });
    await expect.poll(() => heading(page)).toBe('ご予約の内容');
    await page.getByText('リンク 葉子', { exact: false }).waitFor();
    await page.context().close();
  });

  it('cannot choose a full slot: it shows × and stays unselectable', async () => {
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', '電子証明書の更新'),
    ]);
    const day = (await api.days(location, procedure)).at(-1);
    const slot = day?.slots.find((s) => s.remaining > 0);
    if (!day || !slot) throw new Error('the demo has no free slot');
    // Fill the slot through the public API: families of up to four take a place each.
    for (let left = slot.remaining, family = 0; left > 0; family += 1) {
      const size = Math.min(4, left);
      const applicants = Array.from({ length: size }, (_, i) => ({
        name: `満員 ${family}${i}`,
        birth_date: `1960-01-${String(10 + i).padStart(2, '0')}`,
      }));
      const answer = await api.book({
        location_id: location,
        procedure_id: procedure,
        start: slot.start,
        applicants,
        phone: `0312340${family}00`,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      left -= size;
    }

    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
    await page.locator('table.month').waitFor();
    const [year, month] = day.date.split('-').map(Number);
    const caption = `${year}年${month}月の空き状況`;
    for (
      let tries = 0;
      !((await page.locator('table.month caption').textContent()) ?? '').includes(caption);
      tries += 1
    ) {
      if (tries > 2) throw new Error(`${caption} is not reachable`);
      await page.getByRole('button', { name: '次の月' }).click();
      await page.locator('table.month caption', { hasText: caption }).waitFor();
    }
    await page.locator(`[data-date="${day.date}"]`).click();
    const full = page.getByRole('button', {
      name: new RegExp(`^${Number(slot.start.slice(11, 13))}:${slot.start.slice(14, 16)}〜.*× 満員$`),
    });
    expect(await full.textContent()).toContain('× 満員');
    expect(await full.isDisabled()).toBe(true);
    await full.click({ force: true });
    expect(await heading(page)).toBe('日時を選んでください');
    await expectAccessible(page, 'calendar with a full slot');
    await screenshot(page, 'calendar-full-slot-375');
  });

  it('is told when the same person already holds a booking for the procedure', async () => {
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '北支所'),
      api.idOf('procedures', 'マイナンバーカード交付'),
    ]);
    const days = await api.days(location, procedure);
    const slot = days[0]?.slots.find((s) => s.remaining > 0);
    if (!slot) throw new Error('no free slot at 北支所');
    const first = await api.book({
      location_id: location,
      procedure_id: procedure,
      start: slot.start,
      applicants: [
        { management_number: 'D9E876543', name: '佐藤 花子', name_kana: 'サトウ ハナコ', birth_date: '1980-02-02' },
      ],
      phone: '09011112222',
    });
    expect(first.status).toBe(201);

    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
    await pickSlot(page, 2);
    await fillIssuanceForm(page, {
      number: 'D9E-876543',
      name: '佐藤 花子',
      kana: 'サトウ ハナコ',
      birth: '1980/2/2',
      phone: '090-1111-2222',
      email: '',
    });
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('button', { name: '予約する' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'このお申し込みはお受けできませんでした。' });
    await alert.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await alert.getByRole('link', { name: '予約の確認・変更はこちら' }).count()).toBe(1);
    await expectAccessible(page, 'duplicate booking message');
    await screenshot(page, 'duplicate-375');
  });
});

describe('a resident at a desk', () => {
  it('books for a family of two and sees every page laid out for a wide screen', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${baseUrl}/r/demo/`);
    await expect.poll(() => heading(page)).toBe('デモ市 マイナンバーカード窓口予約');
    await page.getByRole('link', { name: 'マイナンバーカード申請の予約へ進む' }).waitFor();
    await screenshot(page, 'top-1280');
    await page.getByRole('link', { name: 'マイナンバーカード申請の予約へ進む' }).click();
    // Offered at one counter only: the location step is skipped.
    await expect.poll(() => heading(page)).toBe('日時を選んでください');
    await page.getByLabel('来庁する人数').selectOption('2');
    await page.locator('table.month').waitFor();
    await screenshot(page, 'calendar-1280');
    await pickSlot(page, 3);
    await expect.poll(() => heading(page)).toBe('来庁する方の情報');
    const first = page.getByRole('group', { name: '1人目の方' });
    const second = page.getByRole('group', { name: '2人目の方' });
    await first.getByRole('textbox', { name: '氏名' }).fill('山田 一郎');
    await first.getByRole('textbox', { name: 'フリガナ' }).fill('ヤマダ イチロウ');
    await first.getByRole('textbox', { name: '生年月日' }).fill('平成2年3月4日');
    await second.getByRole('textbox', { name: '氏名' }).fill('山田 花子');
    await second.getByRole('textbox', { name: 'フリガナ' }).fill('ﾔﾏﾀﾞ ﾊﾅｺ');
    await second.getByRole('textbox', { name: '生年月日' }).fill('H5.6.7');
    await page.getByRole('textbox', { name: 'メールアドレス' }).fill('yamada@example.jp');
    await expectAccessible(page, 'family form');
    await screenshot(page, 'form-1280');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await page.getByText('2人', { exact: true }).waitFor();
    await page.getByRole('button', { name: '予約する' }).click();
    await expect.poll(() => heading(page)).toBe('予約が完了しました');
    await screenshot(page, 'done-1280');
    // Back from the completion page cannot book the same again: the form is gone.
    await page.goBack();
    await expect.poll(() => heading(page)).toBe('日時を選んでください');
  });
});

describe('a resident using the keyboard only', () => {
  /** Presses Tab until the focused element's text or label contains `name`. */
  async function tabTo(page: Page, name: string, limit = 60) {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
        return `${el?.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el?.textContent ?? ''}`;
      });
      if (focused.includes(name)) return;
    }
    throw new Error(`Tab never reached ${name}`);
  }

  it('books without touching the mouse', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${baseUrl}/r/demo/`);
    await expect.poll(() => heading(page)).toBe('デモ市 マイナンバーカード窓口予約');
    await page.evaluate(() => {
      (window as unknown as { pointerEvents: number }).pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown', 'touchstart'])
        window.addEventListener(
          type,
          () => ((window as unknown as { pointerEvents: number }).pointerEvents += 1),
          true,
        );
    });

    await tabTo(page, '電子証明書の更新の予約へ進む');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('場所を選んでください');
    await tabTo(page, '北支所で予約する');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('日時を選んでください');
    await page.locator('table.month').waitFor();

    // One day of the calendar is in the tab order; arrows move between the days that can be
    // chosen, closed days among them (they say why they are closed): on to one with room.
    await tabTo(page, '、空き');
    const before = await page.evaluate(() => document.activeElement?.getAttribute('data-date'));
    await page.keyboard.press('ArrowRight');
    const after = await page.evaluate(() => document.activeElement?.getAttribute('data-date'));
    expect(after && before && after > before).toBe(true);
    const focusedDay = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    for (let step = 0; step < 14 && !/、(空きが多い|空きあり|残りわずか)$/.test(await focusedDay()); step += 1) {
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('slots-heading');
    await tabTo(page, '残り');
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page)).toBe('来庁する方の情報');
    await tabTo(page, '氏名');
    await page.keyboard.type('鈴木 一');
    await tabTo(page, 'フリガナ');
    await page.keyboard.type('すずき はじめ');
    await tabTo(page, '生年月日');
    await page.keyboard.type('令和元年5月1日');
    await tabTo(page, '電話番号');
    await page.keyboard.type('0312345678');
    await tabTo(page, '入力内容を確認する');
    await page.keyboard.press('Enter');

    await screenshot(page, 'keyboard-form-1280');
    await expect.poll(() => heading(page)).toBe('入力内容の確認');
    await tabTo(page, '予約する');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('予約が完了しました');
    expect(await page.getByTestId('reception-number').textContent()).toMatch(/^\d{5} \d{5}$/);
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
  });
});

describe('a municipality that closes its site', () => {
  it('shows residents its message instead of the booking pages', async () => {
    const token = await api.adminToken();
    await api.setSite(token, {
      site_public: false,
      closed_message:
        'システム更新のため、12月1日9時まで予約を停止しています。\nお急ぎの方は市民課（0120-000-000）へ。',
    });
    try {
      const page = await newPage(browser);
      await page.goto(`${baseUrl}/r/demo/lookup`);
      await expect.poll(() => heading(page)).toBe('現在、予約の受付を停止しています');
      await page.getByText('システム更新のため、12月1日9時まで予約を停止しています。', { exact: false }).waitFor();
      await expectAccessible(page, 'closed site');
      await screenshot(page, 'closed-375');
    } finally {
      await api.setSite(token, { site_public: true });
    }
  });

  it('says so when the municipality does not exist', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/nowhere/`);
    await expect.poll(() => heading(page)).toBe('ページが見つかりません');
    await expectAccessible(page, 'unknown municipality');
  });
});

describe('a small screen or large text', () => {
  it('reflows at 320 px (as 1280 px at 400 % zoom) without sideways scrolling', async () => {
    const page = await newPage(browser, { width: 320, height: 640 });
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', 'マイナンバーカード交付'),
    ]);
    for (const path of ['', 'lookup', 'help', `book/${procedure}/${location}`]) {
      await page.goto(`${baseUrl}/r/demo/${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `/r/demo/${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'calendar-320');
  });

  it('shows the calendar quickly from a local server (figure printed, not asserted)', async () => {
    const page = await newPage(browser);
    const [location, procedure] = await Promise.all([
      api.idOf('locations', '本庁舎'),
      api.idOf('procedures', 'マイナンバーカード交付'),
    ]);
    const started = Date.now();
    await page.goto(`${baseUrl}/r/demo/book/${procedure}/${location}`);
    await page.locator('table.month button').first().waitFor();
    console.log(`calendar_visible_ms ${Date.now() - started} ms (cold page load to the first bookable day)`);
  });
});

describe('help and FAQ', () => {
  it('explain where the management number is printed and answer common questions', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/r/demo/help`);
    await expect.poll(() => heading(page)).toBe('ヘルプ（予約のしかた）');
    expect(await page.getByRole('img', { name: /製造管理番号/ }).count()).toBe(1);
    await expectAccessible(page, 'help');
    await screenshot(page, 'help-375');
    await page.getByRole('link', { name: 'よくある質問' }).click();
    await expect.poll(() => heading(page)).toBe('よくある質問');
    const first = page.locator('.faq-item summary').first();
    await first.click();
    await expectAccessible(page, 'faq');
    await screenshot(page, 'faq-375');
  });
});
