// The booking screens' reads, keyed by method, path and params ($api), and the one
// write made from a booking's details: a new password for a resident who lost theirs.
// The counter's screens book, change, correct, cancel and check in.
import { useQueryClient } from '@tanstack/react-query';
import { $api, getKey } from '../../api/query';
import type { IsoDate } from '../../../../frontend-shared/dates/japan';
import type { ApiQuery } from './search';

export interface Named {
  id: string;
  name: string;
  active: boolean;
}

type Sortable = { id: string; name: string; active: boolean; sort_order: number };

/** In the municipality's order, with what these screens show of each. */
function named(all: Sortable[]): Named[] {
  return [...all]
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((x) => ({ id: x.id, name: x.name, active: x.active }));
}

/** The municipality's locations, those no longer offered too (old bookings name them). */
export function useLocations() {
  return $api.useQuery('get', '/api/v1/admin/locations', undefined, { select: named, staleTime: 5 * 60_000 });
}

/** The procedures, as for the locations. */
export function useProcedures() {
  return $api.useQuery('get', '/api/v1/admin/procedures', undefined, { select: named, staleTime: 5 * 60_000 });
}

export function useBookingCalendar(locationId: string, from: IsoDate, to: IsoDate) {
  return $api.useQuery('get', '/api/v1/bookings/calendar', {
    params: { query: { location_id: locationId, from, to } },
  });
}

export function useBooking(number: string) {
  return $api.useQuery('get', '/api/v1/bookings/{reception_number}', {
    params: { path: { reception_number: number } },
  });
}

/** One day's bookings at one location, up to `limit` (the day list shows them all). */
export function useDayBookings(date: IsoDate | null, locationId: string | undefined, limit: number) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings',
    { params: { query: { from: date ?? '', to: date ?? '', location_id: locationId ?? '', per_page: limit } } },
    { enabled: date !== null && locationId !== undefined },
  );
}

/** A page of a search; nothing is asked while the search is not valid. */
export function useBookingSearch(query: ApiQuery | null, page: number, perPage: number) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings',
    { params: { query: { ...query, page, per_page: perPage } } },
    { enabled: query !== null },
  );
}

/**
 * Issues a booking a new password. The booking's details are set from the answer (its
 * history gains the line); the password itself is kept by the screen alone, and the
 * mutation's own copy is dropped as soon as nothing watches it.
 */
export function useReissuePassword() {
  const queryClient = useQueryClient();
  return $api.useMutation('post', '/api/v1/bookings/{reception_number}/password', {
    gcTime: 0,
    onSuccess: (reissued, { params }) => {
      queryClient.setQueryData(
        getKey('/api/v1/bookings/{reception_number}', {
          params: { path: { reception_number: params.path.reception_number } },
        }),
        reissued.booking,
      );
    },
  });
}
