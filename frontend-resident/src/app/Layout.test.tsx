import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo, issuance, renderAt, serve } from '../test/site';
import { App } from './App';

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
    // Line breaks kept; the hard word gets its reading (ふりがな), written in brackets where ruby is not drawn.
    const body = await screen.findByText((_, element) => element?.classList.contains('notice-body') ?? false);
    expect(body.textContent).toBe('交付通知書（こうふつうちしょ）\n本人確認書類');
    expect(body.querySelector('ruby rt')?.textContent).toBe('こうふつうちしょ');
    expect(screen.getByRole('link', { name: 'ヘルプ' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'よくある質問' })).toBeTruthy();
  });

  it('offers 文字サイズ 標準 / 大 / 特大 in the header, showing which is in use', async () => {
    serve({ site: { status: 200, body: demo } });
    renderAt('/r/demo/');
    const sizes = await screen.findByRole('group', { name: '文字サイズ' });
    const xlarge = within(sizes).getByRole('button', { name: '特大' });
    expect(within(sizes).getByRole('button', { name: '標準' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(xlarge);
    expect(xlarge.getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.dataset.textSize).toBe('xlarge');
    expect(localStorage.getItem('madoguchi.text-size')).toBe('xlarge');
    fireEvent.click(within(sizes).getByRole('button', { name: '標準' }));
    expect(document.documentElement.dataset.textSize).toBeUndefined();
  });

  it('puts the counter’s phone number in the footer as a large tel: link, with its hours', async () => {
    serve({ site: { status: 200, body: { ...demo, contact: { phone: '0120-123-456', hours: '平日 8:30〜17:15' } } } });
    renderAt('/r/demo/');
    const footer = within(await screen.findByRole('contentinfo'));
    expect(footer.getByText('お問い合わせ')).toBeTruthy();
    const call = footer.getByRole('link', { name: '0120-123-456' });
    expect(call.getAttribute('href')).toBe('tel:0120123456');
    expect(call.className).toBe('contact-tel');
    expect(footer.getByText('受付時間：平日 8:30〜17:15')).toBeTruthy();
  });

  it('shows the phone number without hours when only the number is set', async () => {
    serve({ site: { status: 200, body: { ...demo, contact: { phone: '０３（１２３４）５６７８', hours: '' } } } });
    renderAt('/r/demo/');
    const footer = within(await screen.findByRole('contentinfo'));
    expect(footer.getByRole('link', { name: '０３（１２３４）５６７８' }).getAttribute('href')).toBe('tel:0312345678');
    expect(footer.queryByText(/受付時間/)).toBeNull();
  });

  it('shows no お問い合わせ at all when the municipality gave no phone number', async () => {
    serve({ site: { status: 200, body: { ...demo, contact: { phone: '  ', hours: '平日 8:30〜17:15' } } } });
    renderAt('/r/demo/');
    const footer = await screen.findByRole('contentinfo');
    expect(footer.textContent).toBe('この予約サイトは、デモ市が運営しています。');
    expect(footer.querySelector('a[href^="tel:"]')).toBeNull();
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

  it('closed without a message of its own, the notice says what a resident can do, not an empty box', async () => {
    serve({ site: { status: 200, body: { ...demo, public: false, closed_message: '  ' } } });
    renderAt('/r/demo/');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('現在、予約の受付を停止しています');
    expect(screen.getByText(/お急ぎの方は市区町村の窓口にお問い合わせください/)).toBeTruthy();
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
