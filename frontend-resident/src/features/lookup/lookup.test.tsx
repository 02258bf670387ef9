import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo, renderAt, serve } from '../../test/site';

const KEY = 'madoguchi.lookup-token';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const details = {
  booking: {
    reception_number: '1234567897',
    location_id: 'l1',
    procedure_id: 'p1',
    start: '2026-12-01T08:30:00+09:00',
    end: '2026-12-01T09:00:00+09:00',
    places: 1,
    status: 'booked',
  },
  applicants: [{ name: '山田 太郎', birth_date: '1975-04-01' }],
  email: 'taro@example.jp',
  phone: '09012345678',
  changeable: true,
};

const problem = (status: number, code: string) => ({
  status,
  body: { code, status, title: code, type: 'about:blank', errors: [] },
});

/** The paths the app asked the API for, after the tenant. */
const asked = () =>
  vi.mocked(fetch).mock.calls.map(([request]) => new URL((request as Request).url).pathname.split('/demo/')[1]);

async function lookUp(reception: string, password = 'AbCd3467') {
  const user = userEvent.setup();
  await user.type(await screen.findByRole('textbox', { name: /受付番号/ }), reception);
  await user.type(screen.getByLabelText(/パスワード/, { selector: '#lookup-password' }), password);
  await user.click(screen.getByRole('button', { name: '予約を確認する' }));
}

describe('the look-up form', () => {
  it('says how many digits a short reception number has, without asking the server', async () => {
    serve({ site: { status: 200, body: demo } });
    renderAt('/r/demo/lookup');
    await lookUp('１２３４ ５６７８');
    expect((await screen.findByText('受付番号は10桁の数字です（いま8桁）。', { selector: '.field-error' })).id).toBe(
      'lookup-reception-error',
    );
    expect(asked()).not.toContain('bookings/lookup');
  });

  it('gives the counter’s phone number to whoever forgot the password or would rather call', async () => {
    serve({ site: { status: 200, body: { ...demo, contact: { phone: '0120-123-456', hours: '平日 8:30〜17:15' } } } });
    renderAt('/r/demo/lookup');
    const box = within(await screen.findByRole('region', { name: 'お問い合わせ' }));
    expect(box.getByText('パスワードを忘れた方・電話で予約したい方は、お電話ください。')).toBeTruthy();
    expect(box.getByRole('link', { name: '0120-123-456' }).getAttribute('href')).toBe('tel:0120123456');
    expect(screen.queryByText(/窓口へお電話ください/)).toBeNull();
  });

  it('says to call the counter, without a section, when no number is set', async () => {
    serve({ site: { status: 200, body: demo } });
    renderAt('/r/demo/lookup');
    expect(await screen.findByText(/受付番号やパスワードがわからないときは/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'お問い合わせ' })).toBeNull();
  });

  it('shows a field error of the server beside its field', async () => {
    serve({
      site: { status: 200, body: demo },
      'bookings/lookup': {
        status: 422,
        body: {
          code: 'validation.failed',
          status: 422,
          title: 'Unprocessable',
          type: 'about:blank',
          errors: [{ field: 'reception_number', code: 'reception_number.invalid', message: '' }],
        },
      },
    });
    renderAt('/r/demo/lookup');
    await lookUp('12345-67897');
    expect((await screen.findByText('受付番号は10桁の数字です。', { selector: '.field-error' })).id).toBe(
      'lookup-reception-error',
    );
    expect(screen.queryByText('入力内容に誤りがあります。赤字の項目をご確認ください。')).toBeNull();
  });

  it('keeps the token of a look-up in the tab, and nothing about the booking', async () => {
    serve({
      site: { status: 200, body: demo },
      'bookings/lookup': { status: 200, body: { token: 'the-token', expires_in: 900, details } },
    });
    renderAt('/r/demo/lookup');
    await lookUp('12345 67897');
    expect(await screen.findByText(/山田 太郎/)).toBeTruthy();
    // The number is in the address, for a reload to fetch the booking again by.
    expect(window.location.pathname).toBe('/r/demo/lookup/booking/1234567897');
    expect(Object.keys(sessionStorage)).toEqual([KEY]);
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as { token: string; expiresAt: number };
    expect(stored.token).toBe('the-token');
    expect(stored.expiresAt).toBeGreaterThan(Date.now());
    for (const personal of ['山田', '1234567897', 'taro@', '0901234'])
      expect(JSON.stringify(stored)).not.toContain(personal);
  });
});

/** The body of each look-up the app sent. */
const lookupBodies = () =>
  Promise.all(
    vi
      .mocked(fetch)
      .mock.calls.map(([request]) => request as Request)
      .filter((request) => request.url.endsWith('/bookings/lookup'))
      .map((request) => request.clone().json() as Promise<Record<string, unknown>>),
  );

describe('the link in a booking’s mail', () => {
  const KEY_IN_LINK = 'Zm9vYmFyYmF6cXV4_-12';

  it('fills in the number, sends the key with its look-up, and leaves neither in the address', async () => {
    serve({
      site: { status: 200, body: demo },
      'bookings/lookup': { status: 200, body: { token: 'the-token', expires_in: 900, details } },
    });
    renderAt(`/r/demo/lookup?n=1234567897&k=${KEY_IN_LINK}`);
    const number = await screen.findByRole('textbox', { name: /受付番号/ });
    expect((number as HTMLInputElement).value).toBe('1234567897');
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(window.location.pathname).toBe('/r/demo/lookup');
    expect(document.body.innerHTML).not.toContain(KEY_IN_LINK);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/パスワード/, { selector: '#lookup-password' }), 'AbCd3467');
    await user.click(screen.getByRole('button', { name: '予約を確認する' }));
    expect(await screen.findByText(/山田 太郎/)).toBeTruthy();
    expect(await lookupBodies()).toEqual([
      { reception_number: '1234567897', password: 'AbCd3467', mail_key: KEY_IN_LINK },
    ]);
    expect(JSON.stringify(sessionStorage)).not.toContain(KEY_IN_LINK);
  });

  it('keeps the key for the number of the link only', async () => {
    serve({ site: { status: 200, body: demo }, 'bookings/lookup': problem(401, 'booking.lookup_failed') });
    renderAt(`/r/demo/lookup?n=1234567897&k=${KEY_IN_LINK}`);
    await userEvent.setup().clear(await screen.findByRole('textbox', { name: /受付番号/ }));
    await lookUp('1234567806');
    await screen.findByText('受付番号またはパスワードが違います。もう一度お確かめください。');
    expect(await lookupBodies()).toEqual([{ reception_number: '1234567806', password: 'AbCd3467' }]);
  });

  it('drops what cannot be a mail key', async () => {
    serve({ site: { status: 200, body: demo }, 'bookings/lookup': problem(401, 'booking.lookup_failed') });
    renderAt(`/r/demo/lookup?n=1234567897&k=${'x'.repeat(65)}`);
    await userEvent.setup().clear(await screen.findByRole('textbox', { name: /受付番号/ }));
    await lookUp('1234567897');
    await screen.findByText('受付番号またはパスワードが違います。もう一度お確かめください。');
    expect(await lookupBodies()).toEqual([{ reception_number: '1234567897', password: 'AbCd3467' }]);
    await waitFor(() => expect(window.location.search).toBe(''));
  });

  it('says when a number cannot be looked up today, and gives the counter’s phone number', async () => {
    serve({
      site: { status: 200, body: { ...demo, contact: { phone: '0120-123-456', hours: '平日 8:30〜17:15' } } },
      'bookings/lookup': problem(429, 'booking.lookup_limited'),
    });
    renderAt('/r/demo/lookup');
    await lookUp('1234567897');
    const alert = within(await screen.findByRole('alert'));
    expect(
      alert.getByText(
        'この受付番号は、確認の失敗が続いたため本日は確認できません。予約時のメールにあるリンクから開くか、お電話でお問い合わせください。',
      ),
    ).toBeTruthy();
    expect(alert.getByRole('link', { name: '0120-123-456' }).getAttribute('href')).toBe('tel:0120123456');
  });
});

describe('the booking details after a reload', () => {
  const keep = (expiresAt: number) => sessionStorage.setItem(KEY, JSON.stringify({ token: 't', expiresAt }));
  /** The Authorization header of each request for the booking. */
  const bearers = () =>
    vi
      .mocked(fetch)
      .mock.calls.map(([request]) => request as Request)
      .filter((request) => request.url.endsWith('/bookings/1234567897'))
      .map((request) => request.headers.get('authorization'));

  it('fetches the booking again with the kept token while it is valid', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': { status: 200, body: details } });
    renderAt('/r/demo/lookup/booking/1234567897');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('ご予約の内容');
    expect(screen.getByText('1234567897')).toBeTruthy();
    expect(screen.getByText(/山田 太郎/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '日時を変更する' }).getAttribute('href')).toBe(
      '/r/demo/lookup/booking/1234567897/change',
    );
    expect(bearers()).toEqual(['Bearer t']);
    expect(sessionStorage.getItem(KEY)).not.toBeNull();
  });

  it('fetches it for the cancel page too', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': { status: 200, body: details } });
    renderAt('/r/demo/lookup/booking/1234567897/cancel');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('予約の取消の確認');
    expect(screen.getByText('1234567897')).toBeTruthy();
  });

  it('says the look-up expired for safety without asking, and forgets its token', async () => {
    keep(Date.now() - 1);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': { status: 200, body: details } });
    renderAt('/r/demo/lookup/booking/1234567897/change');
    expect(await screen.findByText(/安全のため、予約を確認してから一定の時間が過ぎたので/)).toBeTruthy();
    await waitFor(() => expect(sessionStorage.getItem(KEY)).toBeNull());
    expect(bearers()).toEqual([]);
    expect(screen.getByRole('link', { name: '受付番号とパスワードを入力する' }).getAttribute('href')).toBe(
      '/r/demo/lookup',
    );
  });

  it('says the look-up expired when the server says so, and forgets its token', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': problem(401, 'auth.token_expired') });
    renderAt('/r/demo/lookup/booking/1234567897');
    expect(await screen.findByText(/安全のため、予約を確認してから一定の時間が過ぎたので/)).toBeTruthy();
    await waitFor(() => expect(sessionStorage.getItem(KEY)).toBeNull());
  });

  it('asks for the look-up again when the token is refused or is for another booking', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': problem(404, 'booking.not_found') });
    renderAt('/r/demo/lookup/booking/1234567897');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('予約の確認をやり直してください');
    expect(screen.getByText(/予約の内容を表示できませんでした/)).toBeTruthy();
    // Another booking's token still opens that one.
    expect(sessionStorage.getItem(KEY)).not.toBeNull();
  });

  it('offers to try again when the network fails', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo }, 'bookings/1234567897': problem(503, 'service.database_unavailable') });
    renderAt('/r/demo/lookup/booking/1234567897');
    expect(
      await screen.findByText('ただいま混み合っています。しばらくしてから、もう一度お試しください。'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'もう一度読み込む' })).toBeTruthy();
  });

  it('goes to the look-up page when there was no look-up', async () => {
    serve({ site: { status: 200, body: demo } });
    renderAt('/r/demo/lookup/booking/1234567897');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('予約の確認・変更・取消');
    expect(bearers()).toEqual([]);
  });

  it('goes to the look-up page from the old address without a number', async () => {
    keep(Date.now() + 60_000);
    serve({ site: { status: 200, body: demo } });
    renderAt('/r/demo/lookup/booking');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('予約の確認・変更・取消');
  });
});
