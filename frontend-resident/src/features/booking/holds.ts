import { api, call } from '../../api/client';
import type { ChosenSlot, Hold } from './draft';

/** Holds `places` in the slot while the form is filled in. */
export async function takeHold(
  tenant: string,
  locationId: string,
  procedureId: string,
  slot: ChosenSlot,
  places: number,
): Promise<Hold> {
  const created = await call(
    api.POST('/api/v1/public/{tenant}/holds', {
      params: { path: { tenant } },
      body: { location_id: locationId, procedure_id: procedureId, start: slot.start, places },
    }),
  );
  return { id: created.hold_id, expiresAt: created.expires_at };
}

/** Gives the places back (a slot chosen again, or the resident left); failures do not matter, holds expire. */
export function releaseHold(tenant: string, hold: Hold | null): void {
  if (!hold) return;
  void api
    .DELETE('/api/v1/public/{tenant}/holds/{hold_id}', { params: { path: { tenant, hold_id: hold.id } } })
    .catch(() => undefined);
}
