import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAccessToken } from '../api/client';
import { App } from './App';

const ONE_TIME = 'Ichido-Kiri-2026';
const CHOSEN = 'Jibun-de-Kimeta-9';
const HEADING = 'はじめてのログイン: パスワードを決めてください';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const problem = (status: number, code: string, errors: unknown[] = []) =>
  json(status, { type: 'x', title: 'x', status, code, errors });

/**
 * The server as the SPA meets it: a signed-in administrator of a new municipality
 * (the refresh cookie holds the session) who, while `mustChange` holds, may only read
 * themselves and change their password; everything else is refused as the server does.
 */
function staffServer(mustChange: boolean) {
  const server = { mustChange, password: ONE_TIME, changes: 0, refused: 0 };
  const user = () => ({
    id: '0f6c2b1e-0000-4000-8000-000000000001',
    login_id: 'kita-admin',
    name: '北 花子',
    roles: ['admin'],
    tenant: { slug: 'kita', name: '北市', service_name: '北市 マイナンバーカード予約', has_logo: false },
    idle_timeout_seconds: 1800,
    session_timeout_seconds: 28800,
    password_policy: { min_length: 12, min_classes: 3 },
    must_change_password: server.mustChange,
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/refresh')
        return json(200, { access_token: 'token', expires_in: 900, token_type: 'Bearer', user: user() });
      if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
      if (path === '/api/v1/me') return json(200, user());
      if (path === '/api/v1/me/password') {
        const body = (await request.json()) as { current_password: string; new_password: string };
        server.changes += 1;
        if (body.current_password !== server.password)
          return problem(422, 'validation.failed', [
            { field: 'current_password', code: 'password.wrong_current', message: 'wrong' },
          ]);
        server.password = body.new_password;
        server.mustChange = false;
        return new Response(null, { status: 204 });
      }
      if (server.mustChange) {
        server.refused += 1;
        return problem(403, 'auth.password_change_required');
      }
      return problem(404, 'not_found');
    }),
  );
  return server;
}

async function choosePassword(current: string, next: string, again = next) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('受け取ったパスワード'), current);
  await user.type(screen.getByLabelText('新しいパスワード'), next);
  await user.type(screen.getByLabelText('新しいパスワード（確認のためもう一度）'), again);
  await user.click(screen.getByRole('button', { name: '変更する' }));
}

beforeEach(() => {
  window.history.pushState({}, '', '/staff/');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('the first sign-in with a one-time password', () => {
  it('shows only the screen to choose a password, and the menu once it is chosen', async () => {
    const server = staffServer(true);
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: HEADING })).toBeTruthy();
    expect(screen.getByText(/最初の1回のログインにだけ使える/)).toBeTruthy();
    // The tenant's rules, as the password screen gives them.
    expect(screen.getByText(/12 文字以上で.*3 種類以上/)).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();

    await choosePassword(ONE_TIME, CHOSEN);

    const menu = await screen.findByRole('navigation', { name: 'メインメニュー' });
    expect(within(menu).getByRole('link', { name: '職員ユーザー' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'ホーム' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: HEADING })).toBeNull();
    expect(server.password).toBe(CHOSEN);
  });

  it('says when the two new passwords differ, and sends nothing', async () => {
    const server = staffServer(true);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: HEADING });

    await choosePassword(ONE_TIME, CHOSEN, `${CHOSEN}x`);

    expect(await screen.findByText('新しいパスワードと、確認のために入力したものが一致しません。')).toBeTruthy();
    expect(server.changes).toBe(0);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('stays on the screen, saying why, when the one-time password is typed wrong', async () => {
    const server = staffServer(true);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: HEADING });

    await choosePassword('Ichido-Kiri-2025', CHOSEN);

    expect(await screen.findByText('現在のパスワードが違います。')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: HEADING })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(server.mustChange).toBe(true);
  });

  it('lets the user sign out instead', async () => {
    staffServer(true);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: HEADING });

    await userEvent.setup().click(screen.getByRole('button', { name: 'ログアウト' }));

    expect(await screen.findByText('ログアウトしました。')).toBeTruthy();
    expect(screen.getByLabelText('ログインID')).toBeTruthy();
  });
});

describe('a refusal saying the password must change first', () => {
  it('brings an open tab to the screen to choose one instead of an error', async () => {
    // Signed in before the operator handed out a one-time password (or in another tab).
    const server = staffServer(false);
    render(<App />);
    const menu = await screen.findByRole('navigation', { name: 'メインメニュー' });
    server.mustChange = true;

    await userEvent.setup().click(within(menu).getByRole('link', { name: '操作ログ' }));

    expect(await screen.findByRole('heading', { level: 1, name: HEADING })).toBeTruthy();
    expect(server.refused).toBeGreaterThan(0);
    expect(screen.queryByRole('navigation')).toBeNull();

    await choosePassword(ONE_TIME, CHOSEN);
    expect(await screen.findByRole('navigation', { name: 'メインメニュー' })).toBeTruthy();
  });
});
