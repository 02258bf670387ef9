import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demo, issuance, renderAt, serve } from '../test/site';

// The calendar asks for "today" in Japan: the tests set it, Wednesday 25 November 2026.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T10:00:00+09:00'));
  // The page scrolls to the top when it opens; jsdom has no scrolling.
  vi.stubGlobal('scrollTo', vi.fn());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const slot = (date: string) => ({ start: `${date}T09:00:00+09:00`, end: `${date}T09:30:00+09:00`, remaining: 5 });
// What a careless or hostile reason would do if it were put into the page as HTML.
const REASON = '<img src=x onerror="window.hacked=1">庁舎点検';

function serveCalendar() {
  serve({
    site: { status: 200, body: demo },
    procedures: { status: 200, body: [issuance] },
    locations: { status: 200, body: [{ id: 'l1', name: '本庁舎', address: '' }] },
    availability: {
      status: 200,
      body: {
        location_id: 'l1',
        procedure_id: 'p1',
        days: [
          { date: '2026-11-25', slots: [] },
          { date: '2026-11-26', slots: [slot('2026-11-26')] },
          { date: '2026-11-27', slots: [slot('2026-11-27')] },
          { date: '2026-11-28', slots: [], closed: 'weekly', closed_reason: null },
          { date: '2026-11-29', slots: [], closed: 'weekly' },
          { date: '2026-11-30', slots: [], closed: 'closure', closed_reason: REASON },
        ],
      },
    },
  });
  renderAt('/r/demo/book/p1/l1');
}

describe('the calendar’s closed days', () => {
  it('mark each closed day in its cell and name the reason to screen readers', async () => {
    serveCalendar();
    const closure = await screen.findByRole('button', { name: `11月30日（月）、臨時休業（${REASON}）` });
    expect(closure.closest('td')?.textContent).toBe('30臨時休業');
    const sunday = screen.getByRole('button', { name: '11月29日（日）、休業日' });
    expect(sunday.closest('td')?.textContent).toBe('29休');
    // An open day without slots (today) is still no button, as before.
    expect(screen.queryByRole('button', { name: /^11月25日/ })).toBeNull();
  });

  it('say why, as text, in place of the slot list when one is chosen', async () => {
    serveCalendar();
    fireEvent.click(await screen.findByRole('button', { name: /^11月30日/ }));
    const slots = screen.getByRole('region', { name: '11月30日（月）の時間帯' });
    expect(within(slots).getByText(`この日は臨時休業です（${REASON}）。`)).toBeTruthy();
    expect(within(slots).queryByRole('list')).toBeNull();
    expect(document.querySelector('.calendar img')).toBeNull();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: /^11月29日/ }));
    expect(
      within(screen.getByRole('region', { name: '11月29日（日）の時間帯' })).getByText('この日は休業日です。'),
    ).toBeTruthy();
  });

  it('can be reached with the arrow keys, one day at a time, and still shows an open day’s slots', async () => {
    serveCalendar();
    const first = await screen.findByRole('button', { name: /^11月26日/ });
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-27');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-28');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-30');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-29');

    fireEvent.click(first);
    const slots = screen.getByRole('region', { name: '11月26日（木）の時間帯' });
    expect(within(slots).getByRole('button', { name: '9:00〜9:30 残り5人' })).toBeTruthy();
  });
});
