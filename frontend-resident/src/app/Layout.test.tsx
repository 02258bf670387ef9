import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';

type Answer = { status: number; body: unknown };

/** Answers the API by path, as the server would. */
function serve(routes: Record<string, Answer>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname.replace('/api/v1/public/demo/', '');
      const answer = routes[path] ?? {
        status: 404,
        body: { code: 'not_found', status: 404, title: 'Not found', type: 'about:blank', errors: [] },
      };
      const contentType = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': contentType },
      });
    }),
  );
}

function renderAt(path: string) {
  window.history.pushState({}, '', path);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App pathname={path} queryClient={client} />);
}

const booking = {
  opens: { days_before: 14, at: '00:00' },
  closes: { days_before: 1, at: '00:00' },
  change_deadline: { days_before: 1, at: '00:00' },
  hold_minutes: 10,
  pii_free: false,
};
const demo = {
  slug: 'demo',
  name: 'デモ市',
  service_name: 'デモ市 マイナンバーカード窓口予約',
  public: true,
  closed_message: '',
  has_logo: false,
  booking,
};
const issuance = {
  id: 'p1',
  name: 'マイナンバーカード交付',
  kind: 'issuance',
  description: '交付通知書が届いた方が、カードを受け取りに来庁します。',
  fields: {
    management_number: 'required',
    name: 'required',
    name_kana: 'optional',
    birth_date: 'required',
    address: 'hidden',
    phone: 'optional',
    email: 'optional',
  },
  max_applicants: 4,
  location_ids: ['l1'],
};

afterEach(() => vi.unstubAllGlobals());

describe('the resident top page', () => {
  it('shows the service name, the booking window in plain words and each procedure', async () => {
    serve({
      site: { status: 200, body: demo },
      procedures: { status: 200, body: [issuance] },
      announcements: { status: 200, body: [{ id: 'n1', title: '持ち物', body: '交付通知書\n本人確認書類' }] },
    });
    renderAt('/r/demo/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('デモ市 マイナンバーカード窓口予約');
    expect(screen.getByText(/ご来庁日の14日前から2日前までできます。/)).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'マイナンバーカード交付の予約へ進む' })).getAttribute('href')).toBe(
      '/r/demo/book/p1',
    );
    expect(await screen.findByText('交付通知書\n本人確認書類', { normalizer: (s) => s })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ヘルプ' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'よくある質問' })).toBeTruthy();
  });

  it('shows the closed notice with the message as text, never as HTML', async () => {
    serve({
      site: {
        status: 200,
        body: { ...demo, public: false, closed_message: '12月1日まで停止します。<b>窓口</b>へどうぞ。' },
      },
    });
    const { container } = renderAt('/r/demo/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('現在、予約の受付を停止しています');
    expect(screen.getByText('12月1日まで停止します。<b>窓口</b>へどうぞ。')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
  });

  it('explains an unknown municipality', async () => {
    serve({});
    renderAt('/r/demo/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('ページが見つかりません');
  });

  it('offers a retry when the network fails', { timeout: 8000 }, async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    window.history.pushState({}, '', '/r/demo/');
    render(<App pathname="/r/demo/" queryClient={new QueryClient()} />);
    // Network failures are retried twice (1 s, then 2 s) before the page gives up.
    expect((await screen.findByRole('heading', { level: 1 }, { timeout: 5000 })).textContent).toBe(
      'ページを表示できませんでした',
    );
    expect(screen.getByRole('button', { name: 'もう一度読み込む' })).toBeTruthy();
  });
});
