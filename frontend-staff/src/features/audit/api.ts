// The audit log's one read, keyed by method, path and params ($api).
import { keepPreviousData } from '@tanstack/react-query';
import { $api } from '../../api/query';

export interface AuditFilters {
  from: string;
  until: string;
  user: string;
  action: string;
}

/** A page of the log, always asked afresh; the page shown stays while the next loads. */
export function useAuditLog(filters: AuditFilters, page: number, perPage: number) {
  return $api.useQuery(
    'get',
    '/api/v1/admin/audit-log',
    {
      params: {
        query: {
          from: filters.from || undefined,
          until: filters.until || undefined,
          user: filters.user || undefined,
          action: filters.action || undefined,
          page,
          per_page: perPage,
        },
      },
    },
    { placeholderData: keepPreviousData, staleTime: 0 },
  );
}
