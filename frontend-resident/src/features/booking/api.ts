// The booking's writes: holding places while the form is filled in, giving them back,
// and the booking itself. Each refreshes the availability it changes.
import { $api, getKey, useInvalidate } from '../../api/query';
import type { ChosenSlot, Hold } from './draft';

/**
 * Holds places in a slot. When the server refuses (the slot filled up meanwhile), the
 * availability shown is out of date and is fetched again before the error is shown.
 */
function useTakeHold() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/public/{tenant}/holds', {
    onError: () => invalidate(getKey('/api/v1/public/{tenant}/availability')),
  });
}

/** Gives held places back (a slot chosen again); failures do not matter, holds expire. */
function useReleaseHold() {
  return $api.useMutation('delete', '/api/v1/public/{tenant}/holds/{hold_id}');
}

/** Books; the places taken are no longer available. */
export function useCreateBooking() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/public/{tenant}/bookings', {
    onSuccess: () => void invalidate(getKey('/api/v1/public/{tenant}/availability')),
  });
}

/** Taking and giving back holds, as the calendar and the form use them. */
export function useHolds(tenant: string) {
  const take = useTakeHold();
  const release = useReleaseHold();
  return {
    /** Holds `places` in the slot while the form is filled in. */
    async take(locationId: string, procedureId: string, slot: ChosenSlot, places: number): Promise<Hold> {
      const created = await take.mutateAsync({
        params: { path: { tenant } },
        body: { location_id: locationId, procedure_id: procedureId, start: slot.start, places },
      });
      return { id: created.hold_id, expiresAt: created.expires_at };
    },
    /** Gives the places back; failures do not matter, holds expire. */
    release(hold: Hold | null): void {
      if (hold) release.mutate({ params: { path: { tenant, hold_id: hold.id } } });
    },
    /** Gives the places back and waits until the server has them (failures still do not matter). */
    async releaseNow(hold: Hold): Promise<void> {
      await release.mutateAsync({ params: { path: { tenant, hold_id: hold.id } } }).catch(() => undefined);
    },
  };
}
