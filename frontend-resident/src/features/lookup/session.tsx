// The booking a resident opened with its reception number and password. The booking's
// details (names, birth dates, contact) stay in memory only; the short-lived token the
// API gave for it is also kept in sessionStorage (this tab only, gone when it closes), so
// that a reload can fetch the booking again with it (the reception number is in the
// page's address), or say that the look-up has expired.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { components } from '../../api/client';

export type BookingDetails = components['schemas']['BookingDetailsView'];

export interface LookupSession {
  token: string;
  /** When the token stops working (ms since the epoch, on this browser's clock). */
  expiresAt: number;
  details: BookingDetails;
  /** What was just done, to say so on the details page. */
  outcome: 'changed' | 'cancelled' | null;
}

/** What a reload left of a look-up: the token and its end, nothing about the booking. */
export interface StoredToken {
  token: string;
  expiresAt: number;
}

interface SessionState {
  session: LookupSession | null;
  setSession: (session: LookupSession | null) => void;
  /** The token of a look-up made before the page was loaded, if there was one. */
  restored: StoredToken | null;
}

const KEY = 'madoguchi.lookup-token';

function readToken(): StoredToken | null {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
    if (!value || typeof value !== 'object') return null;
    const { token, expiresAt } = value as Partial<StoredToken>;
    return typeof token === 'string' && typeof expiresAt === 'number' ? { token, expiresAt } : null;
  } catch {
    return null;
  }
}

function writeToken(stored: StoredToken | null): void {
  try {
    if (stored) window.sessionStorage.setItem(KEY, JSON.stringify(stored));
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused: a reload then starts from the look-up page without a reason given.
  }
}

/** Whether a look-up's token has run out by the browser's clock. */
export const hasExpired = (stored: StoredToken, now = Date.now()): boolean => now >= stored.expiresAt;

const SessionContext = createContext<SessionState | null>(null);

export function LookupSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<LookupSession | null>(null);
  const [restored, setRestored] = useState<StoredToken | null>(readToken);
  const value = useMemo<SessionState>(
    () => ({
      session,
      restored,
      setSession: (next) => {
        writeToken(next ? { token: next.token, expiresAt: next.expiresAt } : null);
        setRestored(null);
        setSessionState(next);
      },
    }),
    [session, restored],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useLookupSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useLookupSession outside LookupSessionProvider');
  return state;
}

/** Leaving the details page for another step: "変更しました" is said once, not again on return. */
export function useClearOutcome(): void {
  const { session, setSession } = useLookupSession();
  // Once, on arrival: the step's own outcome, set as it leaves, must survive.
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    if (session?.outcome) setSession({ ...session, outcome: null });
  }, [session, setSession]);
}
