// What the counter screens read from the API.
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';

export type Location = components['schemas']['LocationView'];
export type Procedure = components['schemas']['ProcedureView'];
export type StaffBooking = components['schemas']['StaffBookingView'];
export type StaffBookingDetails = components['schemas']['StaffBookingDetails'];
export type CalendarView = components['schemas']['CalendarView'];
export type CalendarDay = components['schemas']['CalendarDay'];
export type CalendarSlot = components['schemas']['CalendarSlot'];
export type FieldRules = components['schemas']['FieldRulesView'];
export type StaffBookingRequest = components['schemas']['StaffBookingRequest'];

/**
 * The tenant's active locations and bookable procedures, shaped as residents see them
 * (the fields asked with the PII-free mode applied). Read from the staff lists, which
 * answer while the residents' site is closed: phone bookings go on during maintenance.
 */
export function useCatalog() {
  const { user } = useSession();
  const tenant = user?.tenant.slug ?? '';
  const locations = useQuery({
    queryKey: ['counter', 'locations', tenant],
    queryFn: async (): Promise<Location[]> =>
      (await call(api.GET('/api/v1/admin/locations')))
        .filter((l) => l.active)
        .sort((a, b) => a.sort_order - b.sort_order)
        .map(({ id, name, address }) => ({ id, name, address })),
    enabled: tenant !== '',
    staleTime: 5 * 60_000,
  });
  const procedures = useQuery({
    queryKey: ['counter', 'procedures', tenant],
    queryFn: async (): Promise<Procedure[]> =>
      (await call(api.GET('/api/v1/admin/procedures')))
        .filter((p) => p.active && p.location_ids.length > 0)
        .sort((a, b) => a.sort_order - b.sort_order)
        .map(({ id, name, kind, description, asked, max_applicants, location_ids }) => ({
          id,
          name,
          kind,
          description,
          fields: asked,
          max_applicants,
          location_ids,
        })),
    enabled: tenant !== '',
    staleTime: 5 * 60_000,
  });
  return {
    locations: locations.data ?? [],
    procedures: procedures.data ?? [],
    loading: locations.isPending || procedures.isPending,
    error: locations.error ?? procedures.error,
  };
}

export function fetchBooking(number: string): Promise<StaffBookingDetails> {
  return call(api.GET('/api/v1/bookings/{reception_number}', { params: { path: { reception_number: number } } }));
}

export function useBooking(number: string) {
  return useQuery({
    queryKey: ['counter', 'booking', number],
    queryFn: () => fetchBooking(number),
    staleTime: 0,
    gcTime: 0,
  });
}

/** One day of the calendar of a location: every pool's slots. */
export function useCalendarDay(locationId: string, date: string) {
  return useQuery({
    queryKey: ['counter', 'calendar', locationId, date],
    queryFn: () =>
      call(
        api.GET('/api/v1/bookings/calendar', { params: { query: { location_id: locationId, from: date, to: date } } }),
      ),
    enabled: locationId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 0,
    refetchInterval: 60_000,
  });
}

/** The day of the pool serving `procedureId`, from a calendar answer. */
export function poolDay(calendar: CalendarView | undefined, procedureId: string): CalendarDay | null | undefined {
  if (!calendar) return undefined;
  const pool = calendar.pools.find((p) => p.procedure_ids.includes(procedureId));
  return pool ? (pool.days[0] ?? null) : null;
}
