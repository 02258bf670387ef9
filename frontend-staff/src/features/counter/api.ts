// What the counter screens read and write: reads keyed by method, path and params
// ($api); each write sets the booking to the server's answer and invalidates the
// calendars and booking lists it changes. The screens go on at once: the lists are read
// again in the background, as they were.
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { $api, getKey, useInvalidate } from '../../api/query';
import type { components } from '../../api/schema';

export type Location = components['schemas']['LocationView'];
export type Procedure = components['schemas']['ProcedureView'];
export type StaffBooking = components['schemas']['StaffBookingView'];
export type StaffBookingDetails = components['schemas']['StaffBookingDetails'];
export type CalendarView = components['schemas']['CalendarView'];
export type CalendarDay = components['schemas']['CalendarDay'];
export type CalendarSlot = components['schemas']['CalendarSlot'];
export type FieldRules = components['schemas']['FieldRulesView'];
export type StaffBookingRequest = components['schemas']['StaffBookingRequest'];

type AdminLocation = components['schemas']['AdminLocationView'];
type AdminProcedure = components['schemas']['AdminProcedureView'];

const CALENDARS = getKey('/api/v1/bookings/calendar');
const LISTS = getKey('/api/v1/bookings');
const BOOKINGS = getKey('/api/v1/bookings/{reception_number}');
const bookingKey = (number: string) =>
  getKey('/api/v1/bookings/{reception_number}', { params: { path: { reception_number: number } } });

function activeLocations(all: AdminLocation[]): Location[] {
  return all
    .filter((l) => l.active)
    .sort((a, b) => a.sort_order - b.sort_order)
    .map(({ id, name, address }) => ({ id, name, address }));
}

function bookableProcedures(all: AdminProcedure[]): Procedure[] {
  return all
    .filter((p) => p.active && p.location_ids.length > 0)
    .sort((a, b) => a.sort_order - b.sort_order)
    .map(({ id, name, kind, description, asked, max_applicants, location_ids, what_to_bring }) => ({
      id,
      name,
      kind,
      description,
      fields: asked,
      max_applicants,
      location_ids,
      what_to_bring,
    }));
}

/**
 * The tenant's active locations and bookable procedures, shaped as residents see them
 * (the fields asked with the PII-free mode applied). Read from the staff lists, which
 * answer while the residents' site is closed: phone bookings go on during maintenance.
 */
export function useCatalog() {
  const options = { staleTime: 5 * 60_000 };
  const locations = $api.useQuery('get', '/api/v1/admin/locations', undefined, { ...options, select: activeLocations });
  const procedures = $api.useQuery('get', '/api/v1/admin/procedures', undefined, {
    ...options,
    select: bookableProcedures,
  });
  return {
    locations: locations.data ?? [],
    procedures: procedures.data ?? [],
    loading: locations.isPending || procedures.isPending,
    error: locations.error ?? procedures.error,
  };
}

const bookingInit = (number: string) => ({ params: { path: { reception_number: number } } });

/** A booking as it is now: read afresh whenever a screen opens it. */
export function useBooking(number: string) {
  return $api.useQuery('get', '/api/v1/bookings/{reception_number}', bookingInit(number), {
    staleTime: 0,
    gcTime: 0,
  });
}

/** Reads a booking now, for a number scanned or typed at the counter. */
export function useFetchBooking() {
  const queryClient = useQueryClient();
  return (number: string) =>
    queryClient.fetchQuery({
      ...$api.queryOptions('get', '/api/v1/bookings/{reception_number}', bookingInit(number)),
      staleTime: 0,
    });
}

/** One day of the calendar of a location: every pool's slots. */
export function useCalendarDay(locationId: string, date: string) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings/calendar',
    { params: { query: { location_id: locationId, from: date, to: date } } },
    { enabled: locationId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date), staleTime: 0, refetchInterval: 60_000 },
  );
}

/** The calendar from `from` to `to`, for the picker's first open day. */
export function useCalendarFrom<T>(
  locationId: string,
  from: string,
  to: string,
  enabled: boolean,
  select: (view: CalendarView) => T,
) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings/calendar',
    { params: { query: { location_id: locationId, from, to } } },
    { enabled, staleTime: 60_000, select },
  );
}

/** One day's bookings at the counter's location, read again every minute. */
export function useTodayBookings(locationId: string, today: string, size: number) {
  return $api.useQuery(
    'get',
    '/api/v1/bookings',
    { params: { query: { from: today, to: today, location_id: locationId, per_page: size } } },
    { enabled: locationId !== '', staleTime: 0, refetchInterval: 60_000 },
  );
}

const slotGone = (error: unknown) =>
  error instanceof ApiError && (error.code === 'booking.slot_full' || error.code === 'booking.in_past');

/** A booking on a resident's behalf. A slot found full (or past) means the calendar shown was out of date. */
export function useCreateBooking() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/bookings', {
    onSuccess: () => void invalidate(CALENDARS, LISTS),
    onError: (error) => {
      if (slotGone(error)) void invalidate(CALENDARS);
    },
  });
}

export function useChangeBooking() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/bookings/{reception_number}', {
    onSuccess: (updated, { params }) => {
      queryClient.setQueryData(bookingKey(params.path.reception_number), updated);
      void invalidate(CALENDARS, LISTS);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'booking.slot_full') void invalidate(CALENDARS);
    },
  });
}

export function useCancelBooking() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/bookings/{reception_number}/cancel', {
    onSuccess: (updated, { params }) => {
      queryClient.setQueryData(bookingKey(params.path.reception_number), updated);
      void invalidate(CALENDARS, LISTS);
    },
  });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/bookings/{reception_number}/check-in', {
    onSuccess: (updated, { params }) => {
      queryClient.setQueryData(bookingKey(params.path.reception_number), updated);
      void invalidate(LISTS, CALENDARS);
    },
  });
}

/** Marks the day's bookings not checked in as no-shows: the lists and those bookings change. */
export function useMarkNoShows() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/bookings/no-shows', {
    onSuccess: () => void invalidate(LISTS, BOOKINGS),
  });
}

/** The day of the pool serving `procedureId`, from a calendar answer. */
export function poolDay(calendar: CalendarView | undefined, procedureId: string): CalendarDay | null | undefined {
  if (!calendar) return undefined;
  const pool = calendar.pools.find((p) => p.procedure_ids.includes(procedureId));
  return pool ? (pool.days[0] ?? null) : null;
}
