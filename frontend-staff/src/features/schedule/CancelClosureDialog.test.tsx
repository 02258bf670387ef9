import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CancelClosureDialog } from './CancelClosureDialog';

beforeAll(() => {
  // jsdom has no modal dialogs: opening one is setting `open`.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(() => vi.unstubAllGlobals());

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: 'x', title: 'x', status, errors: [], ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
const strands = (...numbers: [string, string][]) =>
  problem(422, {
    code: 'schedule.strands_bookings',
    errors: numbers.map(([number, time]) => ({
      field: 'bookings',
      code: 'schedule.affected_booking',
      message: `${number} 2026-12-02 ${time}`,
    })),
  });

/** The requests sent, their bodies read. */
function stubFetch(...answers: Response[]) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      sent.push({ method: request.method, url: request.url, body: JSON.parse(await request.text()) });
      return answers.shift() ?? new Response(null, { status: 204 });
    }),
  );
  return sent;
}

function open(handlers: { onDone?: (count: number) => void; onRelisted?: () => void } = {}) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CancelClosureDialog
        poolId="pool-1"
        date="2026-12-02"
        reason=" 停電 "
        bookings={[
          { number: '1234567897', date: '2026-12-02', time: '09:00' },
          { number: '9876543217', date: '2026-12-02', time: '10:30' },
        ]}
        onDone={handlers.onDone ?? (() => {})}
        onRelisted={handlers.onRelisted ?? (() => {})}
        onClose={() => {}}
      />
    </QueryClientProvider>,
  );
  return screen.getByRole('dialog', { name: '2026年12月2日（水）を臨時休業にして予約を取り消す' });
}

describe('the emergency closure dialog', () => {
  it('lists the bookings, warns, and closes the day cancelling exactly those with the notice', async () => {
    const sent = stubFetch(new Response(null, { status: 204 }));
    const onDone = vi.fn();
    const dialog = open({ onDone });
    expect(
      within(dialog)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['受付番号予約日時', '12345678972026年12月2日（水） 9:00', '98765432172026年12月2日（水） 10:30']);
    expect(dialog.textContent).toContain('取り消した予約は元に戻せません。');
    const notice = within(dialog).getByLabelText(/住民へのお知らせ/);
    expect((notice as HTMLTextAreaElement).value).toBe(
      'やむを得ない事情により、この日は臨時休業とさせていただきます。お手数ですが、改めてご予約ください。',
    );
    await userEvent.clear(notice);
    await userEvent.type(notice, '停電のため臨時休業します。');
    await userEvent.click(within(dialog).getByRole('button', { name: '2件の予約を取り消して臨時休業にする' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(2));
    expect(sent).toEqual([
      {
        method: 'PUT',
        url: expect.stringMatching(/\/api\/v1\/admin\/pools\/pool-1\/dates\/2026-12-02$/),
        body: {
          closed: true,
          reason: '停電',
          cancel_bookings: { notice: '停電のため臨時休業します。', reception_numbers: ['1234567897', '9876543217'] },
        },
      },
    ]);
  });

  it('sends nothing without a notice', async () => {
    const sent = stubFetch();
    const dialog = open();
    const notice = within(dialog).getByLabelText(/住民へのお知らせ/);
    await userEvent.clear(notice);
    await userEvent.click(within(dialog).getByRole('button', { name: /件の予約を取り消して臨時休業にする/ }));
    expect(notice.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.textContent).toContain('住民へのお知らせを入力してください。');
    expect(sent).toEqual([]);
  });

  it('shows the new list when someone booked meanwhile, and cancels those once confirmed', async () => {
    const sent = stubFetch(
      strands(['1234567897', '09:00'], ['9876543217', '10:30'], ['5555555556', '11:00']),
      new Response(null, { status: 204 }),
    );
    const onDone = vi.fn();
    const onRelisted = vi.fn();
    const dialog = open({ onDone, onRelisted });
    await userEvent.click(within(dialog).getByRole('button', { name: '2件の予約を取り消して臨時休業にする' }));
    await within(dialog).findByText(/この日の予約が変わりました/);
    expect(onDone).not.toHaveBeenCalled();
    expect(onRelisted).toHaveBeenCalledTimes(1);
    expect(within(dialog).getAllByRole('row')).toHaveLength(4);
    expect(within(dialog).getByRole('rowheader', { name: '5555555556' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: '3件の予約を取り消して臨時休業にする' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(3));
    expect(sent.map((s) => (s.body as { cancel_bookings: { reception_numbers: string[] } }).cancel_bookings)).toEqual([
      expect.objectContaining({ reception_numbers: ['1234567897', '9876543217'] }),
      expect.objectContaining({ reception_numbers: ['1234567897', '9876543217', '5555555556'] }),
    ]);
  });

  it('shows the server’s refusal of the notice beside it', async () => {
    stubFetch(
      problem(422, {
        code: 'validation.failed',
        errors: [{ field: 'cancel_bookings.notice', code: 'validation.too_long', message: '' }],
      }),
    );
    const dialog = open();
    await userEvent.click(within(dialog).getByRole('button', { name: /件の予約を取り消して臨時休業にする/ }));
    await within(dialog).findByText('お知らせは500文字以内で入力してください。');
    expect(
      within(dialog)
        .getByLabelText(/住民へのお知らせ/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });
});
