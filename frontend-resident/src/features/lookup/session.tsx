// The booking a resident opened with its reception number and password: the short-lived
// token the API gave for it, in memory only.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { components } from '../../api/client';

export type BookingDetails = components['schemas']['BookingDetailsView'];

export interface LookupSession {
  token: string;
  details: BookingDetails;
  /** What was just done, to say so on the details page. */
  outcome: 'changed' | 'cancelled' | null;
}

interface SessionState {
  session: LookupSession | null;
  setSession: (session: LookupSession | null) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function LookupSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<LookupSession | null>(null);
  const value = useMemo(() => ({ session, setSession }), [session]);
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
