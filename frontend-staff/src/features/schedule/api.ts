// The counter and schedule screens' reads and writes.
import { ApiError } from '../../../../frontend-shared/api/problem';
import { $api, getKey, useInvalidate } from '../../api/query';
import type { components } from '../../api/schema';

export type Location = components['schemas']['AdminLocationView'];
export type Procedure = components['schemas']['AdminProcedureView'];
export type ProcedureKind = components['schemas']['ProcedureKind'];
export type FieldRules = components['schemas']['FieldRulesView'];
export type Requirement = components['schemas']['Requirement'];
export type Pool = components['schemas']['PoolView'];
export type Closure = components['schemas']['ClosureView'];
export type CalendarView = components['schemas']['CalendarView'];
export type HolidayReport = components['schemas']['HolidayImportReport'];

// Reads: one hook per endpoint, keyed by method, path and params ($api). Writes: one
// mutation per endpoint, each invalidating what it changes. The bookings calendar is
// the week, the dated changes, the closures and the pools' procedures as they fall on
// days, so whatever changes one of those invalidates it too.
const LOCATIONS = getKey('/api/v1/admin/locations');
const PROCEDURES = getKey('/api/v1/admin/procedures');
const POOLS = getKey('/api/v1/admin/pools');
const CLOSURES = getKey('/api/v1/admin/closures');
const RULES = getKey('/api/v1/admin/booking-rules');
const CALENDAR = getKey('/api/v1/bookings/calendar');
const BOOKINGS = getKey('/api/v1/bookings');
const BOOKING = getKey('/api/v1/bookings/{reception_number}');

export function useLocations() {
  return $api.useQuery('get', '/api/v1/admin/locations');
}

export function useProcedures() {
  return $api.useQuery('get', '/api/v1/admin/procedures');
}

export function usePools() {
  return $api.useQuery('get', '/api/v1/admin/pools');
}

export function useClosures() {
  return $api.useQuery('get', '/api/v1/admin/closures');
}

export function useBookingRules() {
  return $api.useQuery('get', '/api/v1/admin/booking-rules', undefined, { staleTime: 0 });
}

export function useCalendar(locationId: string | undefined, from: string, to: string) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings/calendar',
    { params: { query: { location_id: locationId ?? '', from, to } } },
    { enabled: Boolean(locationId), staleTime: 0 },
  );
}

export function useCreateLocation() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/locations', { onSuccess: () => invalidate(LOCATIONS) });
}

export function useUpdateLocation() {
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/admin/locations/{id}', { onSuccess: () => invalidate(LOCATIONS) });
}

export function useCreateProcedure() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/procedures', { onSuccess: () => invalidate(PROCEDURES) });
}

export function useUpdateProcedure() {
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/admin/procedures/{id}', { onSuccess: () => invalidate(PROCEDURES) });
}

export function useCreatePool() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/pools', { onSuccess: () => invalidate(POOLS, CALENDAR) });
}

export function useSetPoolProcedures() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/pools/{id}/procedures', {
    onSuccess: () => invalidate(POOLS, CALENDAR),
  });
}

/**
 * The whole week in one request. Resolves before the pool is read again: the week
 * editor says "saved" first, then starts afresh from the new week.
 */
export function useSetPoolWeek() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/pools/{id}/week', {
    onSuccess: () => void invalidate(POOLS, CALENDAR),
  });
}

/** Closing a day may cancel its bookings (an emergency closure): their lists and pages change too. */
export function useSetPoolDate() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/pools/{id}/dates/{date}', {
    onSuccess: () => invalidate(CALENDAR, BOOKINGS, BOOKING),
  });
}

export function useClearPoolDate() {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/admin/pools/{id}/dates/{date}', {
    onSuccess: () => invalidate(CALENDAR),
  });
}

export function useAddClosure() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/closures/{date}', { onSuccess: () => invalidate(CLOSURES, CALENDAR) });
}

export function useRemoveClosure() {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/admin/closures/{date}', {
    onSuccess: () => invalidate(CLOSURES, CALENDAR),
  });
}

export function useSaveBookingRules() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/booking-rules', { onSuccess: () => invalidate(RULES) });
}

/** Sends syukujitsu.csv as it is (the server detects CP932 or UTF-8); the holidays become closures. */
export function useImportHolidays() {
  const invalidate = useInvalidate();
  const mutation = $api.useMutation('post', '/api/v1/admin/holidays/import', {
    onSuccess: () => invalidate(CLOSURES, CALENDAR),
  });
  return {
    ...mutation,
    send: (file: Blob) =>
      mutation.mutateAsync({ body: '', bodySerializer: () => file, headers: { 'Content-Type': 'text/csv' } }),
  };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'generic');
}
