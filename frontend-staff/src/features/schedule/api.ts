// Queries of the counter and schedule screens; every change invalidates them all.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call } from '../../api/client';
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

const ROOT = 'schedule';

export function useLocations() {
  return useQuery({ queryKey: [ROOT, 'locations'], queryFn: () => call(api.GET('/api/v1/admin/locations')) });
}

export function useProcedures() {
  return useQuery({ queryKey: [ROOT, 'procedures'], queryFn: () => call(api.GET('/api/v1/admin/procedures')) });
}

export function usePools() {
  return useQuery({ queryKey: [ROOT, 'pools'], queryFn: () => call(api.GET('/api/v1/admin/pools')) });
}

export function useClosures() {
  return useQuery({ queryKey: [ROOT, 'closures'], queryFn: () => call(api.GET('/api/v1/admin/closures')) });
}

export function useBookingRules() {
  return useQuery({
    queryKey: [ROOT, 'rules'],
    queryFn: () => call(api.GET('/api/v1/admin/booking-rules')),
    staleTime: 0,
  });
}

export function useCalendar(locationId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [ROOT, 'calendar', locationId, from, to],
    enabled: Boolean(locationId),
    staleTime: 0,
    queryFn: () =>
      call(api.GET('/api/v1/bookings/calendar', { params: { query: { location_id: locationId, from, to } } })),
  });
}

/** After any change: everything this feature shows is read again. */
export function useRefresh(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [ROOT] });
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'generic');
}

/** Sends syukujitsu.csv as it is (the server detects CP932 or UTF-8). */
export function importHolidays(file: Blob): Promise<HolidayReport> {
  return call(
    api.POST('/api/v1/admin/holidays/import', {
      body: '',
      bodySerializer: () => file,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}
