import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  api,
  onPasswordChangeRequired,
  onTokenExpired,
  setAccessToken,
  type CurrentUser,
  type LoginResponse,
} from '../api/client';
import { call } from '../../../frontend-shared/api/call';

export type SignOutReason = 'user' | 'idle' | 'expired';

interface Session {
  /** `undefined` while the refresh cookie is being tried at start-up. */
  user: CurrentUser | null | undefined;
  signIn(tenant: string, loginId: string, password: string): Promise<void>;
  signOut(reason?: SignOutReason): Promise<void>;
  /** Counts as activity on the server: renews the token and touches the session. */
  keepAlive(): Promise<void>;
  /** After the user's own password changed: reads the user again, a one-time password's flag gone. */
  passwordChanged(): Promise<void>;
  lastSignOut: SignOutReason | null;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_SECONDS = 30;

/** The Web Lock every tab of this site takes to refresh (see withRefreshLock). */
export const REFRESH_LOCK = 'madoguchi-refresh';

/**
 * Runs `task` holding the refresh lock shared by every tab of the staff SPA, or at once
 * where the browser has no Web Locks. The refresh cookie's secret changes on every
 * refresh, and the one before, sent again, ends the session: two tabs refreshing at the
 * same moment (a PC waking from sleep) would both send the same cookie, and the second
 * would sign both out. Taken in turns, the second tab's request carries the cookie the
 * first one's answer set, and is simply a refresh of its own.
 */
export async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
  if (!locks) return task();
  // Held until the promise `task` returns settles; request() answers with that promise's value.
  return (await locks.request(REFRESH_LOCK, task)) as T;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [lastSignOut, setLastSignOut] = useState<SignOutReason | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const signedIn = useRef(false);
  const queryClient = useQueryClient();

  // Signed out, nothing read for this user stays cached: the next one (perhaps of
  // another municipality: query keys do not name the tenant) reads everything afresh.
  const clear = useCallback(
    (reason: SignOutReason | null) => {
      clearTimeout(timer.current);
      signedIn.current = false;
      setAccessToken(null);
      setUser(null);
      setLastSignOut(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  // The scheduled refresh and the expired-token hook call refresh() through this ref:
  // accept(), which schedules it, is made before refresh() is.
  const refreshRef = useRef<() => Promise<void>>(async () => {});

  const accept = useCallback((response: LoginResponse) => {
    setAccessToken(response.access_token);
    signedIn.current = true;
    setUser(response.user);
    clearTimeout(timer.current);
    const delay = Math.max(5, response.expires_in - REFRESH_MARGIN_SECONDS) * 1000;
    timer.current = setTimeout(() => void refreshRef.current(), delay);
  }, []);

  // Requests of this tab that need a refresh at once (several answered "token expired"
  // after a sleep) share one: a second, sent with the same cookie, would end the session.
  const inFlight = useRef<Promise<void> | null>(null);
  const refresh = useCallback((): Promise<void> => {
    inFlight.current ??= (async () => {
      try {
        accept(await withRefreshLock(() => call(api.POST('/api/v1/auth/refresh'))));
      } catch {
        clear(signedIn.current ? 'expired' : null);
      } finally {
        inFlight.current = null;
      }
    })();
    return inFlight.current;
  }, [accept, clear]);

  // A refusal saying the password must change first means this tab's user is out of
  // date (the operator handed out a one-time password since): the screen that replaces
  // it follows from the flag.
  useEffect(() => {
    onPasswordChangeRequired(() =>
      setUser((current) =>
        current && !current.must_change_password ? { ...current, must_change_password: true } : current,
      ),
    );
    return () => onPasswordChangeRequired(null);
  }, []);

  useEffect(() => {
    refreshRef.current = refresh;
    // Once, at start-up (refresh never changes): the refresh cookie may still hold a session.
    void refreshRef.current();
    onTokenExpired(async () => {
      await refreshRef.current();
      return signedIn.current;
    });
    return () => {
      clearTimeout(timer.current);
      onTokenExpired(null);
    };
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({
      user,
      lastSignOut,
      async signIn(tenant, loginId, password) {
        accept(await call(api.POST('/api/v1/auth/login', { body: { tenant, login_id: loginId, password } })));
        setLastSignOut(null);
      },
      async signOut(reason = 'user') {
        try {
          await api.POST('/api/v1/auth/logout');
        } catch {
          // Signed out locally even when the server cannot be reached.
        } finally {
          clear(reason);
        }
      },
      async keepAlive() {
        await refresh();
        await call(api.GET('/api/v1/me'));
      },
      async passwordChanged() {
        try {
          setUser(await call(api.GET('/api/v1/me')));
        } catch {
          // The change itself was accepted, which clears the flag on the server: the
          // user is not sent back to type a password that no longer works.
          setUser((current) => (current ? { ...current, must_change_password: false } : current));
        }
      },
    }),
    [user, lastSignOut, accept, clear, refresh],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
