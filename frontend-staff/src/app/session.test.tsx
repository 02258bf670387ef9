import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, setAccessToken } from '../api/client';
import { REFRESH_LOCK, SessionProvider, useSession } from './session';

/**
 * The server's side of the refresh cookie: its secret changes on every refresh (when the
 * answer arrives, as Set-Cookie does), and the one before, sent again, ends the session.
 * A request carries the cookie as it is when the request is sent.
 */
function refreshServer() {
  const server = { secret: 0, previous: -1, revoked: false, refreshes: 0, active: 0, mostAtOnce: 0 };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  const expired = (code: string) => json(401, { type: 'x', title: 'x', status: 401, code, errors: [] });
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/me') {
      return request.headers.get('Authorization') === 'Bearer stale'
        ? expired('auth.token_expired')
        : json(200, { login_id: 'admin' });
    }
    const sent = server.secret;
    server.refreshes += 1;
    server.active += 1;
    server.mostAtOnce = Math.max(server.mostAtOnce, server.active);
    // The answer takes a while: long enough for another tab to send its request meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.active -= 1;
    if (server.revoked) return expired('auth.session_expired');
    if (sent === server.previous) {
      server.revoked = true;
      return expired('auth.session_expired');
    }
    server.previous = server.secret;
    server.secret += 1;
    return json(200, {
      access_token: `token-${server.secret}`,
      expires_in: 900,
      token_type: 'Bearer',
      user: { id: 'u1', login_id: 'admin', name: '管理者', roles: ['admin'] },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return server;
}

/** Web Locks as a browser has them: one holder of a name at a time, the others in turn. */
function installLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  const names: string[] = [];
  const locks = {
    request(name: string, callback: () => Promise<unknown>) {
      names.push(name);
      const run = tail.then(() => callback());
      tail = run.catch(() => undefined);
      return run;
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return names;
}

function Who({ tab }: { tab: string }) {
  const { user } = useSession();
  return (
    <p>
      {tab}: {user === undefined ? '確認中' : (user?.login_id ?? 'ログアウト')}
    </p>
  );
}

/** A tab of the staff SPA: its own session provider and query cache. */
function tab(name: string) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <Who tab={name} />
      </SessionProvider>
    </QueryClientProvider>
  );
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'locks');
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('refreshing the session', () => {
  it('takes turns across tabs, so that two tabs waking together do not end the session', async () => {
    const server = refreshServer();
    const locks = installLocks();
    render(
      <>
        {tab('A')}
        {tab('B')}
      </>,
    );
    await waitFor(() => expect(screen.getByText('A: admin')).toBeTruthy());
    await waitFor(() => expect(screen.getByText('B: admin')).toBeTruthy());
    expect(server.refreshes).toBe(2);
    expect(server.mostAtOnce).toBe(1);
    expect(server.revoked).toBe(false);
    expect(locks).toEqual([REFRESH_LOCK, REFRESH_LOCK]);
  });

  it('would end the session were two tabs to send the same cookie at once (what the lock prevents)', async () => {
    const server = refreshServer();
    render(
      <>
        {tab('A')}
        {tab('B')}
      </>,
    );
    await waitFor(() => expect(server.revoked).toBe(true));
    expect(server.mostAtOnce).toBe(2);
  });

  it('without Web Locks still refreshes, and requests of one tab share a single refresh', async () => {
    const server = refreshServer();
    expect('locks' in navigator).toBe(false);
    render(tab('A'));
    await waitFor(() => expect(screen.getByText('A: admin')).toBeTruthy());
    expect(server.refreshes).toBe(1);

    // Two requests answered "token expired" at once (a PC woke from sleep): one refresh for both.
    setAccessToken('stale');
    const [first, second] = await act(() => Promise.all([api.GET('/api/v1/me'), api.GET('/api/v1/me')]));
    expect(first.data?.login_id).toBe('admin');
    expect(second.data?.login_id).toBe('admin');
    expect(server.refreshes).toBe(2);
    expect(server.revoked).toBe(false);
    expect(screen.getByText('A: admin')).toBeTruthy();
  });
});
