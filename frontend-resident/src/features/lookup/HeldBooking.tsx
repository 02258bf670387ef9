import { useEffect, useState } from 'react';
import { Outlet, useOutletContext, useParams } from 'react-router';
import { useSite } from '../../app/site';
import { Loading } from '../../components/Loading';
import { ProblemPage } from '../../components/ProblemAlert';
import { useBookingByToken } from './api';
import { SessionLost, type LostReason } from './SessionLost';
import { hasExpired, useLookupSession, type LookupSession, type StoredToken } from './session';

/**
 * The pages of one looked-up booking (details, change, cancel), under
 * /lookup/booking/:number. Keyed by the number: another booking's address is a new arrival.
 */
export function HeldBookingRoute() {
  const number = useParams().number ?? '';
  return <HeldBooking key={number} number={number} />;
}

/** The booking the pages under HeldBookingRoute show: always there, the route sees to it. */
export function useHeldSession(): LookupSession {
  return useOutletContext<LookupSession>();
}

/**
 * The booking from the look-up in memory, or, after a reload, fetched again with the
 * token the tab kept; else why it cannot be shown.
 */
function HeldBooking({ number }: { number: string }) {
  const site = useSite();
  const { session, restored, setSession } = useLookupSession();
  const held = session?.details.booking.reception_number === number ? session : null;
  // Judged once, on arrival: forgetting a dead token below must not change what is said.
  // The token's end is on this browser's clock (it was set from the look-up's expires_in),
  // so a token past it is not even sent.
  const [arrival] = useState<{ token: StoredToken | null; expired: boolean }>(() => {
    const token = held ? null : (session ?? restored);
    return { token, expired: token !== null && hasExpired(token) };
  });
  const asking = arrival.token !== null && !arrival.expired;
  const fetched = useBookingByToken(site.slug, number, asking ? (arrival.token?.token ?? null) : null);
  const refused = fetched.error?.status === 401 || fetched.error?.status === 404 ? fetched.error : null;
  let reason: LostReason | null = null;
  if (!held) {
    if (arrival.token === null) reason = 'none';
    else if (arrival.expired || refused?.code === 'auth.token_expired') reason = 'expired';
    // A token for another booking (404) or one the server no longer accepts (401).
    else if (refused) reason = 'refused';
  }
  // A token that ran out or that the server refuses is of no use to anyone: forgotten.
  // One for another booking (404) still opens that one, and is kept.
  const dead = reason === 'expired' || refused?.status === 401;
  useEffect(() => {
    if (dead) setSession(null);
  }, [dead, setSession]);

  if (held) return <Outlet context={held} />;
  if (reason) return <SessionLost reason={reason} />;
  if (fetched.isError) return <ProblemPage error={fetched.error} retry={() => void fetched.refetch()} />;
  if (!fetched.data || !arrival.token) return <Loading />;
  const { token, expiresAt } = arrival.token;
  const again: LookupSession = { token, expiresAt, details: fetched.data, outcome: null };
  return <Outlet context={again} />;
}
