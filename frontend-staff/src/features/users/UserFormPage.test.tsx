import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserFormPage } from './UserFormPage';

vi.mock('../../app/session', () => ({
  useSession: () => ({
    user: {
      id: 'me',
      login_id: 'admin',
      name: '管理者',
      roles: ['admin'],
      password_policy: { min_length: 12, min_classes: 2 },
    },
  }),
}));

function renderNew() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/users/new']}>
        <Routes>
          <Route path="/users/new" element={<UserFormPage />} />
          <Route path="/users" element={<p>一覧</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('new user form', () => {
  it('shows the tenant password rules and, on an empty submit, every problem with focus on the summary', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderNew();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('職員ユーザーの新規作成');
    expect(screen.getByText(/12 文字以上で、英小文字・英大文字・数字・記号のうち 2 種類以上/)).toBeTruthy();
    expect(screen.getAllByRole('checkbox').length).toBe(5);
    await userEvent.click(screen.getByRole('button', { name: '作成する' }));
    const summary = screen.getByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('ログインID: 入力してください。');
    expect(summary.textContent).toContain('権限: 権限を1つ以上選んでください。');
    expect(screen.getByLabelText('ログインID').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('explains a taken login ID beside the field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ type: 'x', title: 'x', status: 409, code: 'user.login_id_taken', errors: [] }),
            { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
          ),
      ),
    );
    renderNew();
    await userEvent.type(screen.getByLabelText('ログインID'), 'LEDGER');
    await userEvent.type(screen.getByLabelText('氏名'), '二人目');
    await userEvent.click(screen.getByRole('checkbox', { name: /閲覧/ }));
    await userEvent.type(screen.getByLabelText('初期パスワード'), 'Madoguchi 2026');
    await userEvent.type(screen.getByLabelText('初期パスワード（確認）'), 'Madoguchi 2026{Enter}');
    await screen.findByRole('alert');
    const login = screen.getByLabelText('ログインID');
    expect(login.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(login.getAttribute('aria-describedby')!.split(' ')[1]!)?.textContent).toBe(
      'このログインIDはすでに使われています。別のログインIDにしてください。',
    );
  });
});
