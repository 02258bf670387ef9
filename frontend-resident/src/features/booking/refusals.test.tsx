// The booking flow against a stand-in API that refuses: the share of a day one may hold,
// and a mail address sent to too often today.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { demo, issuance, renderAt } from '../../test/site';

afterEach(() => vi.unstubAllGlobals());

/** A day a few days ahead, in Japan, with two slots. */
function dayAhead() {
  const date = new Date(`${todayInTokyo()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 3);
  const day = date.toISOString().slice(0, 10);
  const slot = (from: string, to: string) => ({
    start: `${day}T${from}:00+09:00`,
    end: `${day}T${to}:00+09:00`,
    remaining: 3,
  });
  return { date: day, slots: [slot('09:00', '09:30'), slot('09:30', '10:00')] };
}

const problem = (status: number, code: string) => ({
  status,
  body: { code, status, title: code, type: 'about:blank', errors: [] },
});

type Answer = { status: number; body: unknown };

/**
 * Answers by method and path after the tenant; a list is answered one by one (its last
 * answer repeated). Every request is kept as `METHOD path`.
 */
function serveFlow(routes: Record<string, Answer | Answer[]>) {
  const asked: string[] = [];
  const day = dayAhead();
  const base: Record<string, Answer | Answer[]> = {
    'GET site': { status: 200, body: demo },
    'GET procedures': { status: 200, body: [issuance] },
    'GET locations': { status: 200, body: [{ id: 'l1', name: '本庁舎', address: '' }] },
    'GET availability': { status: 200, body: { location_id: 'l1', procedure_id: 'p1', days: [day] } },
  };
  const all = { ...base, ...routes };
  // jsdom draws nothing to scroll: each new page's scroll to the top is a no-op here.
  vi.stubGlobal('scrollTo', vi.fn());
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname.replace('/api/v1/public/demo/', '');
      const key = `${request.method} ${path}`;
      asked.push(key);
      const listed = all[key] ?? all[`${request.method} ${path.replace(/\/[^/]+$/, '/*')}`];
      const answer = Array.isArray(listed) ? (listed.length > 1 ? listed.shift() : listed[0]) : listed;
      const { status, body } = answer ?? problem(404, 'not_found');
      return new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    }),
  );
  return { asked, day };
}

const held = (id: string) => ({
  status: 201,
  body: { hold_id: id, expires_at: new Date(Date.now() + 600_000).toISOString(), places: 1 },
});

async function chooseSlot(time: RegExp, date: string) {
  const user = userEvent.setup();
  const day = await waitFor(() => {
    const button = document.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
    if (!button) throw new Error('the day is not shown yet');
    return button;
  });
  await user.click(day);
  await user.click(await screen.findByRole('button', { name: time }));
}

describe('holding places of a day', () => {
  it('gives back the places held before when the day’s share is reached, and holds the new ones', async () => {
    const { asked, day } = serveFlow({
      'POST holds': [held('h1'), problem(409, 'booking.hold_share_reached'), held('h2')],
      'DELETE holds/*': { status: 204, body: null },
    });
    renderAt('/r/demo/book/p1/l1');
    await chooseSlot(/^9:00〜9:30/, day.date);
    expect(await screen.findByRole('heading', { level: 1, name: '来庁する方の情報' })).toBeTruthy();

    await userEvent.setup().click(screen.getByRole('link', { name: '日時を選び直す' }));
    await chooseSlot(/^9:30〜10:00/, day.date);
    expect(await screen.findByRole('heading', { level: 1, name: '来庁する方の情報' })).toBeTruthy();
    expect(screen.getByText(/9:30〜10:00/)).toBeTruthy();
    expect(asked.filter((request) => !request.startsWith('GET'))).toEqual([
      'POST holds',
      'POST holds',
      'DELETE holds/h1',
      'POST holds',
    ]);
  });

  it('says the day’s share is held, not that the slot is full, when nothing of its own can be given back', async () => {
    const { asked, day } = serveFlow({ 'POST holds': problem(409, 'booking.hold_share_reached') });
    renderAt('/r/demo/book/p1/l1');
    await chooseSlot(/^9:00〜9:30/, day.date);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('この日は、すでに多くの時間帯を確保しています。');
    expect(alert.textContent).not.toContain('いっぱい');
    expect(asked.filter((request) => request.startsWith('DELETE'))).toEqual([]);
  });
});

describe('booking', () => {
  it("gives the counter's number to someone told the booking cannot be taken", async () => {
    const site = { ...demo, contact: { phone: '0312345678', hours: '平日 8:30〜17:15' } };
    const { day } = serveFlow({
      'GET site': { status: 200, body: site },
      'POST holds': held('h1'),
      'POST bookings': problem(409, 'booking.duplicate'),
    });
    renderAt('/r/demo/book/p1/l1');
    await chooseSlot(/^9:00〜9:30/, day.date);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /製造管理番号/ }), 'A1B234567');
    await user.type(screen.getByRole('textbox', { name: /^氏名/ }), '山田 太郎');
    await user.type(screen.getByRole('textbox', { name: /生年月日/ }), '1950/4/1');
    await user.type(screen.getByRole('textbox', { name: /電話番号/ }), '09012345678');
    await user.click(screen.getByRole('button', { name: '入力内容を確認する' }));
    await user.click(await screen.findByRole('button', { name: '予約する' }));

    const alert = within(await screen.findByRole('alert'));
    expect(alert.getByText(/このお申し込みはお受けできませんでした。/)).toBeTruthy();
    expect(alert.getByRole('link', { name: '0312345678' }).getAttribute('href')).toBe('tel:0312345678');
    expect(alert.queryByText(/すでにお持ちです/)).toBeNull();
  });

  it('points at the mail address when no more mail may be sent to it today', async () => {
    const { day } = serveFlow({
      'POST holds': held('h1'),
      'POST bookings': problem(429, 'booking.mail_limited'),
    });
    renderAt('/r/demo/book/p1/l1');
    await chooseSlot(/^9:00〜9:30/, day.date);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /製造管理番号/ }), 'A1B234567');
    await user.type(screen.getByRole('textbox', { name: /^氏名/ }), '山田 太郎');
    await user.type(screen.getByRole('textbox', { name: /生年月日/ }), '1950/4/1');
    await user.type(screen.getByRole('textbox', { name: /メールアドレス/ }), 'taro@example.jp');
    await user.click(screen.getByRole('button', { name: '入力内容を確認する' }));
    await user.click(await screen.findByRole('button', { name: '予約する' }));

    const alert = within(await screen.findByRole('alert'));
    expect(alert.getByText(/このメールアドレスには、本日これ以上お送りできません。/)).toBeTruthy();
    await user.click(alert.getByRole('link', { name: 'メールアドレスを直す' }));

    expect(await screen.findByRole('heading', { level: 1, name: '来庁する方の情報' })).toBeTruthy();
    const email = screen.getByRole('textbox', { name: /メールアドレス/ });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('contact-email-error')?.textContent).toBe(
      'このメールアドレスには、本日これ以上お送りできません。別のメールアドレスを入力してください。',
    );

    await user.clear(email);
    await user.type(email, 'hanako@example.jp');
    expect(email.getAttribute('aria-invalid')).toBe('false');
  });
});
