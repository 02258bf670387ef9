// Server state the resident pages read, one hook per endpoint; query keys from the path.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call, type components } from './client';

export type Location = components['schemas']['LocationView'];
export type Procedure = components['schemas']['ProcedureView'];
export type Availability = components['schemas']['AvailabilityView'];
export type Notice = components['schemas']['PublicNotice'];

/** Network failures are retried twice; an answer from the server is not. */
const retry = (count: number, error: ApiError) => error.status === 0 && count < 2;

export function useLocations(tenant: string) {
  return useQuery<Location[], ApiError>({
    queryKey: ['locations', tenant],
    queryFn: () => call(api.GET('/api/v1/public/{tenant}/locations', { params: { path: { tenant } } })),
    retry,
  });
}

export function useProcedures(tenant: string) {
  return useQuery<Procedure[], ApiError>({
    queryKey: ['procedures', tenant],
    queryFn: () => call(api.GET('/api/v1/public/{tenant}/procedures', { params: { path: { tenant } } })),
    retry,
  });
}

export function useNotices(tenant: string, kind: 'announcements' | 'faq') {
  return useQuery<Notice[], ApiError>({
    queryKey: [kind, tenant],
    queryFn: () =>
      kind === 'faq'
        ? call(api.GET('/api/v1/public/{tenant}/faq', { params: { path: { tenant } } }))
        : call(api.GET('/api/v1/public/{tenant}/announcements', { params: { path: { tenant } } })),
    retry,
  });
}

/** Remaining places per slot, `from`–`to` inclusive (ISO dates); refreshed often, places go fast. */
export function useAvailability(tenant: string, locationId: string, procedureId: string, from: string, to: string) {
  return useQuery<Availability, ApiError>({
    queryKey: ['availability', tenant, locationId, procedureId, from, to],
    queryFn: () =>
      call(
        api.GET('/api/v1/public/{tenant}/availability', {
          params: { path: { tenant }, query: { location_id: locationId, procedure_id: procedureId, from, to } },
        }),
      ),
    staleTime: 15_000,
    refetchOnWindowFocus: true,
    retry,
  });
}
