// Server state through TanStack Query, keyed by openapi-react-query: `$api.useQuery('get',
// path, init)` caches under `['get', path, init]`, so one endpoint with one set of
// params is one cache entry whichever feature reads it. Mutations invalidate with
// getKey(), which builds the same keys.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ClientPathsWithMethod, MaybeOptionalInit } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import { ApiError } from '../../../frontend-shared/api/problem';
import { api, type ApiPaths } from './client';

export const $api = createQueryHooks(api);

type GetPath = ClientPathsWithMethod<typeof api, 'get'>;
type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The cache key of a GET as `$api.useQuery` makes it. With `init` it names that one
 * request; with part of it (or none), TanStack's prefix matching takes every cached GET
 * of the path whose params include those given.
 */
export function getKey<P extends GetPath>(path: P, init?: DeepPartial<MaybeOptionalInit<ApiPaths[P], 'get'>>) {
  return init === undefined ? (['get', path] as const) : (['get', path, init] as const);
}

/**
 * For a mutation's onSuccess: marks the given GETs (keys from getKey) stale and waits
 * while those on screen are fetched again, so that what follows sees fresh data.
 */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return async (...keys: QueryKey[]): Promise<void> => {
    await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

/** Network failures are retried twice; an answer from the server is not. */
export function retryNetwork(count: number, error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && count < 2;
}
