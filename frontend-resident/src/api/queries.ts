// The public site's reads that several features and the calendar share, one hook per
// endpoint; their query keys come from method, path and params ($api).
import type { components } from './client';
import { $api, retryNetwork } from './query';

export type Location = components['schemas']['LocationView'];
export type Procedure = components['schemas']['ProcedureView'];
export type Availability = components['schemas']['AvailabilityView'];
export type Notice = components['schemas']['PublicNotice'];

export function useLocations(tenant: string) {
  return $api.useQuery(
    'get',
    '/api/v1/public/{tenant}/locations',
    { params: { path: { tenant } } },
    { retry: retryNetwork },
  );
}

export function useProcedures(tenant: string) {
  return $api.useQuery(
    'get',
    '/api/v1/public/{tenant}/procedures',
    { params: { path: { tenant } } },
    { retry: retryNetwork },
  );
}

export function useNotices(tenant: string, kind: 'announcements' | 'faq') {
  return $api.useQuery(
    'get',
    kind === 'faq' ? '/api/v1/public/{tenant}/faq' : '/api/v1/public/{tenant}/announcements',
    { params: { path: { tenant } } },
    { retry: retryNetwork },
  );
}

/** Remaining places per slot, `from`–`to` inclusive (ISO dates); refreshed often, places go fast. */
export function useAvailability(tenant: string, locationId: string, procedureId: string, from: string, to: string) {
  return $api.useQuery(
    'get',
    '/api/v1/public/{tenant}/availability',
    { params: { path: { tenant }, query: { location_id: locationId, procedure_id: procedureId, from, to } } },
    { staleTime: 15_000, refetchOnWindowFocus: true, retry: retryNetwork },
  );
}
