import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ApiError, call, type SiteInfo } from '../api/client';

export function useSiteQuery(tenant: string) {
  return useQuery<SiteInfo, ApiError>({
    queryKey: ['site', tenant],
    queryFn: () => call(api.GET('/api/v1/public/{tenant}/site', { params: { path: { tenant } } })),
    retry: (count, error) => error.status === 0 && count < 2,
  });
}

export const SiteContext = createContext<SiteInfo | null>(null);

/** The municipality's site, inside the layout (which only renders pages once it is known). */
export function useSite(): SiteInfo {
  const site = useContext(SiteContext);
  if (!site) throw new Error('useSite outside the site layout');
  return site;
}
