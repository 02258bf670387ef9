import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { rolesFor } from '../lib/roles';
import { Authorization } from './Authorization';

function renderGate(userRoles: Parameters<typeof Authorization>[0]['userRoles'], path: string) {
  return render(
    <MemoryRouter>
      <Authorization userRoles={userRoles} roles={rolesFor(path)}>
        <p>職員ユーザー一覧</p>
      </Authorization>
    </MemoryRouter>,
  );
}

describe('<Authorization>', () => {
  it('shows the forbidden page to a call-center clerk on an admin URL', () => {
    renderGate(['call_center'], '/users');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('この画面を開く権限がありません');
    expect(screen.queryByText('職員ユーザー一覧')).toBeNull();
    expect(screen.getByRole('link', { name: 'ホームへ戻る' }).getAttribute('href')).toBe('/');
  });

  it('shows the page to an administrator', () => {
    renderGate(['admin'], '/users');
    expect(screen.getByText('職員ユーザー一覧')).toBeTruthy();
  });
});
