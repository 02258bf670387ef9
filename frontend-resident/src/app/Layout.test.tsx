import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Site } from './Site';

function answer(status: number, body: unknown) {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } })));
}

function renderSite() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Site tenant="demo" />
    </QueryClientProvider>,
  );
}

const demo = { slug: 'demo', name: 'デモ市', service_name: 'デモ市 マイナンバーカード窓口予約', public: true, closed_message: '', has_logo: false };

afterEach(() => vi.unstubAllGlobals());

describe('the resident top page', () => {
  it('shows the service name as the page heading', async () => {
    answer(200, demo);
    renderSite();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('デモ市 マイナンバーカード窓口予約');
    expect(screen.getByText('デモ市のマイナンバーカード窓口の来庁予約です。')).toBeTruthy();
  });

  it('shows the closed notice with the message as text, never as HTML', async () => {
    answer(200, { ...demo, public: false, closed_message: '12月1日まで停止します。<b>窓口</b>へどうぞ。' });
    const { container } = renderSite();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('現在、予約の受付を停止しています');
    expect(screen.getByText('12月1日まで停止します。<b>窓口</b>へどうぞ。')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
  });

  it('explains an unknown municipality', async () => {
    answer(404, { type: 'urn:madoguchi:problem:tenant.not_found', title: 'Not found', status: 404, code: 'tenant.not_found', errors: [] });
    renderSite();
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('ページが見つかりません');
  });

  it('offers a retry when the network fails', { timeout: 8000 }, async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    renderSite();
    // Network failures are retried twice (1 s, then 2 s) before the page gives up.
    expect((await screen.findByRole('heading', { level: 1 }, { timeout: 5000 })).textContent).toBe('ページを表示できませんでした');
    expect(screen.getByRole('button', { name: 'もう一度読み込む' })).toBeTruthy();
  });
});
