// The counter and the call center: booking on a resident's behalf, checking visitors in,
// changing and cancelling, against the real server. A counter works in office hours, so
// this file's server starts at 10:00 Japan time on the suite's day (the line below);
// today and tomorrow are opened all day for 本庁舎 first (today in 5-minute slots), since
// the suite's day may be a weekend, a holiday or the year's end.
// e2e-clock: 10:00
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;

const DAY_PLAN = { plan: { bands: ['00:00-23:30'], slot_minutes: 30, places: 6 } };
const TODAY_PLAN = { plan: { bands: ['00:00-23:55'], slot_minutes: 5, places: 6 } };

function japanDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
const today = japanDate(now());
const tomorrow = japanDate(new Date(now().getTime() + 24 * 3600 * 1000));
const at = (date: string, time: string) => `${date}T${time}:00+09:00`;

interface Slot {
  start: string;
  end: string;
  places: number;
  booked: number;
  remaining: number;
}

async function request<T>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function token(loginId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: loginId, password: 'madoguchi-demo' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

let admin: string;
let mainId: string;
let issuanceId: string;
let todaysNumber: string;

async function slotOf(date: string, time: string): Promise<Slot> {
  const start = at(date, time);
  const { body } = await request<{ pools: { procedure_ids: string[]; days: { slots: Slot[] }[] }[] }>(
    admin,
    'GET',
    `/api/v1/bookings/calendar?location_id=${mainId}&from=${date}&to=${date}`,
  );
  const pool = body.pools.find((p) => p.procedure_ids.includes(issuanceId));
  const slot = pool?.days[0]?.slots.find((s) => new Date(s.start).getTime() === new Date(start).getTime());
  if (!slot) throw new Error(`no slot at ${start}`);
  return slot;
}

let serial = 100;
function person(name: string, kana: string) {
  serial += 1;
  return {
    management_number: `E01${String(serial).padStart(6, '0')}`,
    name,
    name_kana: kana,
    birth_date: `1970-01-${String((serial % 28) + 1).padStart(2, '0')}`,
  };
}

async function book(
  start: string,
  applicants: ReturnType<typeof person>[],
  extra: Record<string, unknown> = {},
): Promise<{ reception_number: string; booking: { version: number } }> {
  const { status, body } = await request<{ reception_number: string; booking: { version: number } }>(
    admin,
    'POST',
    '/api/v1/bookings',
    {
      location_id: mainId,
      procedure_id: issuanceId,
      start,
      applicants,
      phone: `090${String(serial).padStart(8, '0')}`,
      ...extra,
    },
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

async function booking(number: string) {
  const { body } = await request<{
    booking: {
      status: string;
      phone: string | null;
      start: string;
      notes: string;
      without_letter: boolean;
      beyond_capacity: boolean;
      places: number;
      version: number;
      applicants: { management_number: string | null }[];
    };
  }>(admin, 'GET', `/api/v1/bookings/${number}`);
  return body.booking;
}

/** The current slot of today: the first that has not ended. */
async function currentSlot(): Promise<Slot> {
  const { body } = await request<{ pools: { procedure_ids: string[]; days: { slots: Slot[] }[] }[] }>(
    admin,
    'GET',
    `/api/v1/bookings/calendar?location_id=${mainId}&from=${today}&to=${today}`,
  );
  const slots = body.pools.find((p) => p.procedure_ids.includes(issuanceId))?.days[0]?.slots ?? [];
  const slot = slots.find((s) => new Date(s.end).getTime() > now().getTime() + 60_000);
  if (!slot) throw new Error('no slot left today');
  return slot;
}

beforeAll(async () => {
  browser = await launch();
  admin = await token('admin');
  const locations = (await request<{ id: string; name: string }[]>(admin, 'GET', '/api/v1/public/demo/locations')).body;
  mainId = locations.find((l) => l.name === '本庁舎')?.id ?? '';
  const procedures = (await request<{ id: string; name: string }[]>(admin, 'GET', '/api/v1/public/demo/procedures'))
    .body;
  issuanceId = procedures.find((p) => p.name === 'マイナンバーカード交付')?.id ?? '';
  const pools = (
    await request<{ id: string; location_id: string; procedure_ids: string[] }[]>(admin, 'GET', '/api/v1/admin/pools')
  ).body;
  const pool = pools.find((p) => p.location_id === mainId && p.procedure_ids.includes(issuanceId));
  expect(pool).toBeTruthy();
  for (const [date, plan] of [
    [today, TODAY_PLAN],
    [tomorrow, DAY_PLAN],
  ] as const) {
    const opened = await request(admin, 'PUT', `/api/v1/admin/pools/${pool?.id}/dates/${date}`, plan);
    expect(opened.status, JSON.stringify(opened.body)).toBe(204);
  }
  const now = await currentSlot();
  todaysNumber = (await book(now.start, [person('窓口 来子', 'マドグチ キコ')])).reception_number;
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(loginId: string, path: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, baseUrl, loginId);
  await page.goto(`${baseUrl}/staff${path}`);
  return page;
}

/** Types into a field the way a clerk does: focus it, then the keyboard. */
async function type(page: Page, selector: string, text: string) {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

describe('call-center booking', () => {
  it('a clerk books for a resident on the phone with the keyboard; the slot loses the party size and the note shows on the details', async () => {
    const start = at(tomorrow, '10:00');
    const before = await slotOf(tomorrow, '10:00');
    const page = await signedIn('callcenter', '/bookings/new');
    await page.getByRole('heading', { level: 1, name: '代行予約' }).waitFor();
    await expect
      .poll(() => page.locator('#counter-procedure_id option:checked').textContent())
      .toBe('マイナンバーカード交付');
    await expect.poll(() => page.locator('#counter-location_id option:checked').textContent()).toBe('本庁舎');
    await expect.poll(() => page.getByRole('checkbox', { name: '定員を超えて予約する（管理者）' }).count()).toBe(0);

    // Two people: the party selects with the arrow key.
    await page.locator('#counter-party').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('#counter-party').inputValue()).toBe('2');

    // The picker opens on today; the clerk moves to tomorrow and picks 10:00.
    await page.getByRole('button', { name: '翌日' }).focus();
    await page.keyboard.press('Enter');
    const slot = page.getByRole('button', { name: /^10:00〜10:30/ });
    await expect.poll(() => slot.textContent()).toContain(`残り ${before.remaining}`);
    await slot.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => slot.getAttribute('aria-pressed')).toBe('true');

    await type(page, '#counter-applicants-0-management_number', 'ａ１ｂ－２３４５６７');
    await type(page, '#counter-applicants-0-name', '電話 一郎');
    await type(page, '#counter-applicants-0-name_kana', 'でんわ いちろう');
    await type(page, '#counter-applicants-0-birth_date', '昭和50年5月5日');
    await type(page, '#counter-applicants-1-management_number', 'A1B234568');
    await type(page, '#counter-applicants-1-name', '電話 花子');
    await type(page, '#counter-applicants-1-name_kana', 'デンワ ハナコ');
    await type(page, '#counter-applicants-1-birth_date', '2010/8/1');
    await type(page, '#counter-phone', '０９０－１１１１－２２２２');
    await type(page, '#counter-notes', '車椅子で来庁。入口まで迎えが必要');
    await expectAccessible(page, 'call-center booking form');
    await screenshot(page, 'call-center-booking');

    // A mistake first: the summary names the field and takes the focus.
    await page.locator('#counter-applicants-1-birth_date').fill('平成99年1月1日');
    await page.locator('#counter-applicants-1-birth_date').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await expect.poll(() => summary.textContent()).toContain('申請者 2 生年月日');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    await page.locator('#counter-applicants-1-birth_date').fill('');
    await type(page, '#counter-applicants-1-birth_date', '2010/8/1');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: '予約しました' }).waitFor();
    const number = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    expect(number).toMatch(/^\d{10}$/);
    expect((await page.getByTestId('password').textContent())?.trim()).toMatch(/^[0-9A-Z]{10}$/);
    // Read back to the resident as it is said: typed in full width with dashes, shown grouped.
    expect(await page.locator('.counter-done-details').textContent()).toContain('090-1111-2222');
    await expectAccessible(page, 'call-center booking done');
    await screenshot(page, 'call-center-done');

    const after = await slotOf(tomorrow, '10:00');
    expect(after.remaining).toBe(before.remaining - 2);
    const stored = await booking(number);
    expect(new Date(stored.start).getTime()).toBe(new Date(start).getTime());
    expect(stored.places).toBe(2);
    expect(stored.notes).toBe('車椅子で来庁。入口まで迎えが必要');

    await page.getByRole('link', { name: '予約の詳細を見る' }).click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/staff/bookings/${number}`);
    await page.getByText('車椅子で来庁。入口まで迎えが必要').first().waitFor();
  });

  it('without a 交付通知書 the management number may be left out', async () => {
    const page = await signedIn('callcenter', '/bookings/new');
    await page.getByRole('heading', { level: 1, name: '代行予約' }).waitFor();
    await page.getByRole('button', { name: '翌日' }).click();
    await page.getByRole('button', { name: /^10:30〜11:00/ }).click();
    await type(page, '#counter-applicants-0-name', '通知 無子');
    await type(page, '#counter-applicants-0-name_kana', 'ツウチ ナコ');
    await type(page, '#counter-applicants-0-birth_date', '1960-02-03');
    await type(page, '#counter-phone', '0311112222');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await expect.poll(() => summary.textContent()).toContain('製造管理番号: 入力してください。');

    await page.getByRole('checkbox', { name: '交付通知書がない（製造管理番号なし）' }).check();
    await page.locator('#counter-phone').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '予約しました' }).waitFor();
    const number = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    const stored = await booking(number);
    expect(stored.without_letter).toBe(true);
    expect(stored.applicants[0]?.management_number).toBeNull();
  });

  it('an administrator books a full slot only after ticking the confirmation; a clerk is not offered it', async () => {
    const full = at(tomorrow, '15:00');
    await book(full, [
      person('満員 一', 'マンイン ハジメ'),
      person('満員 二', 'マンイン フタバ'),
      person('満員 三', 'マンイン ミツ'),
      person('満員 四', 'マンイン ヨツ'),
    ]);
    await book(full, [person('満員 五', 'マンイン イツ'), person('満員 六', 'マンイン ム')]);
    expect((await slotOf(tomorrow, '15:00')).remaining).toBe(0);

    const clerk = await signedIn('callcenter', '/bookings/new');
    await clerk.getByRole('button', { name: '翌日' }).click();
    const clerkSlot = clerk.getByRole('button', { name: /^15:00〜15:30/ });
    await expect.poll(() => clerkSlot.textContent()).toContain('満員');
    expect(await clerkSlot.isDisabled()).toBe(true);
    expect(await clerk.getByRole('checkbox', { name: '定員を超えて予約する（管理者）' }).count()).toBe(0);

    const page = await signedIn('admin', '/bookings/new');
    await page.getByRole('button', { name: '翌日' }).click();
    const slot = page.getByRole('button', { name: /^15:00〜15:30/ });
    await expect.poll(() => slot.textContent()).toContain('満員');
    expect(await slot.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '定員を超えて予約する（管理者）' }).check();
    await expect.poll(() => slot.isDisabled()).toBe(false);
    await slot.click();
    const extra = person('超過 予約', 'チョウカ ヨヤク');
    await type(page, '#counter-applicants-0-management_number', extra.management_number);
    await type(page, '#counter-applicants-0-name', extra.name);
    await type(page, '#counter-applicants-0-name_kana', extra.name_kana);
    await type(page, '#counter-applicants-0-birth_date', extra.birth_date);
    await type(page, '#counter-phone', '0312345678');
    await expectAccessible(page, 'admin beyond capacity');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '予約しました' }).waitFor();
    const number = ((await page.getByTestId('reception-number').textContent()) ?? '').replace(/\s/g, '');
    expect((await booking(number)).beyond_capacity).toBe(true);
    expect((await slotOf(tomorrow, '15:00')).booked).toBe(7);
  });
});

describe('counter check-in', () => {
  it('a scan looks the booking up, Enter marks it visited, and a second scan says it was already checked in', async () => {
    const page = await signedIn('ledger', '/check-in');
    await page.getByRole('heading', { level: 1, name: '窓口受付' }).waitFor();
    const input = page.getByRole('textbox', { name: '受付番号' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page
      .getByRole('table')
      .getByText(`${todaysNumber.slice(0, 5)} ${todaysNumber.slice(5)}`)
      .waitFor();

    // A mistyped number is caught before any look-up.
    await page.keyboard.type('1234567898');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('受付番号に誤りがあります');

    // The reader types the number, with a hyphen, and presses Enter.
    await input.fill('');
    await page.keyboard.type(`${todaysNumber.slice(0, 5)}-${todaysNumber.slice(5)}`);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: '来庁済みにする' });
    await confirm.waitFor();
    await expect.poll(() => page.getByText('窓口 来子').first().isVisible()).toBe(true);
    // The contact number in the groups it is read out in: 090-0000-0101, not 09000000101.
    const phone = (await booking(todaysNumber)).phone!;
    expect(phone).toMatch(/^090\d{8}$/);
    const contact = page.getByRole('definition').filter({ hasText: `090-${phone.slice(3, 7)}-${phone.slice(7)}` });
    expect(await contact.count()).toBe(1);
    await expectAccessible(page, 'check-in lookup');
    await screenshot(page, 'check-in');

    // Enter again confirms.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('来庁済みにしました');
    await expect.poll(() => input.inputValue()).toBe('');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await booking(todaysNumber)).status).toBe('visited');
    await expect
      .poll(() =>
        page
          .getByRole('table')
          .getByRole('row')
          .filter({ hasText: todaysNumber.slice(5) })
          .textContent(),
      )
      .toContain('来庁済み');
    await expectAccessible(page, 'check-in done');
    await screenshot(page, 'check-in-done');

    // The same card scanned again.
    await page.keyboard.type(todaysNumber);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('すでに来庁済みです');
    expect(await confirm.count()).toBe(0);
  });

  it('marks today’s bookings nobody came for after a confirmation, and says how many', async () => {
    const page = await signedIn('admin', '/check-in');
    await page.getByRole('heading', { level: 1, name: '窓口受付' }).waitFor();
    await page.getByRole('button', { name: '来庁なしにする…' }).click();
    await expect.poll(() => page.getByText('の未来庁の予約を「来庁なし」にします').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'やめる' }).click();
    await page.getByRole('button', { name: '来庁なしにする…' }).click();
    await page.getByRole('button', { name: '来庁なしにする', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '来庁なし' }).textContent())
      .toMatch(/来庁なしにする予約はありませんでした|件を来庁なしにしました/);
  });
});

describe('changing and cancelling on behalf', () => {
  it('moves a booking to another slot with a reason, explains a change made meanwhile, then cancels it', async () => {
    const created = await book(at(tomorrow, '11:00'), [person('変更 太郎', 'ヘンコウ タロウ')]);
    const number = created.reception_number;
    const page = await signedIn('callcenter', `/bookings/${number}/change`);
    await page.getByRole('heading', { level: 1, name: '予約の変更' }).waitFor();
    const current = page.getByRole('button', { name: /^11:00〜11:30/ });
    await expect.poll(() => current.textContent()).toContain('現在の予約');
    await page.getByRole('button', { name: /^11:30〜12:00/ }).click();
    await type(page, '#counter-reason', '電話で変更依頼');
    await expectAccessible(page, 'change booking');
    await screenshot(page, 'change-booking');

    // A colleague edits the notes meanwhile: the clerk's change is refused, not lost.
    const meanwhile = await request(admin, 'PATCH', `/api/v1/bookings/${number}`, {
      version: created.booking.version,
      notes: '別の職員のメモ',
    });
    expect(meanwhile.status).toBe(200);
    await page.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('読み込み直してから');
    await page.getByRole('button', { name: '読み込み直す' }).click();
    await expect.poll(() => page.locator('#counter-notes').inputValue()).toBe('別の職員のメモ');
    await page.getByRole('button', { name: /^11:30〜12:00/ }).click();
    await type(page, '#counter-reason', '電話で変更依頼');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '予約を変更しました' }).count()).toBe(1);
    const moved = await booking(number);
    expect(new Date(moved.start).getTime()).toBe(new Date(at(tomorrow, '11:30')).getTime());
    expect(moved.notes).toBe('別の職員のメモ');

    await page.goto(`${baseUrl}/staff/bookings/${number}/cancel`);
    await page.getByRole('heading', { level: 1, name: '予約の取消' }).waitFor();
    await type(page, '#counter-reason', '電話で取消依頼');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('確認のチェックを入れてください');
    await page.getByRole('checkbox', { name: '取り消してよいことを住民の方に確認しました' }).check();
    await expectAccessible(page, 'cancel booking');
    await page.getByRole('button', { name: '予約を取り消す' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '予約を取り消しました' }).count()).toBe(1);
    expect((await booking(number)).status).toBe('cancelled');
  });
});
