import { createContext, useContext } from 'react';
import type { SiteInfo } from '../api/client';
import { $api, retryNetwork } from '../api/query';

export function useSiteQuery(tenant: string) {
  return $api.useQuery(
    'get',
    '/api/v1/public/{tenant}/site',
    { params: { path: { tenant } } },
    { retry: retryNetwork },
  );
}

export const SiteContext = createContext<SiteInfo | null>(null);

/** The municipality's site, inside the layout (which only renders pages once it is known). */
export function useSite(): SiteInfo {
  const site = useContext(SiteContext);
  if (!site) throw new Error('useSite outside the site layout');
  return site;
}
