import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { $api, getKey } from './query';

describe('query keys', () => {
  it('are the ones $api caches under, so that an invalidation reaches what a screen shows', () => {
    const init = { params: { query: { kind: 'faq' as const } } };
    expect(getKey('/api/v1/admin/notices', init)).toEqual(
      $api.queryOptions('get', '/api/v1/admin/notices', init).queryKey,
    );
    expect(getKey('/api/v1/admin/locations')).toEqual($api.queryOptions('get', '/api/v1/admin/locations').queryKey);
  });

  it('name one list for every feature, and a path alone takes all its params', () => {
    const client = new QueryClient();
    const calendar = (location_id: string) =>
      $api.queryOptions('get', '/api/v1/bookings/calendar', {
        params: { query: { location_id, from: '2026-12-01', to: '2026-12-31' } },
      }).queryKey;
    client.setQueryData(calendar('a'), { location_id: 'a', pools: [] });
    client.setQueryData(calendar('b'), { location_id: 'b', pools: [] });
    client.setQueryData($api.queryOptions('get', '/api/v1/admin/locations').queryKey, []);
    void client.invalidateQueries({ queryKey: getKey('/api/v1/bookings/calendar') });
    const stale = client
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.isInvalidated)
      .map((query) => query.queryKey);
    expect(stale).toEqual([calendar('a'), calendar('b')]);
    const other = new QueryClient();
    other.setQueryData(calendar('a'), { location_id: 'a', pools: [] });
    other.setQueryData(calendar('b'), { location_id: 'b', pools: [] });
    void other.invalidateQueries({
      queryKey: getKey('/api/v1/bookings/calendar', { params: { query: { location_id: 'a' } } }),
    });
    const state = (location: string) =>
      other.getQueryCache().find({ queryKey: calendar(location), exact: true })?.state.isInvalidated;
    expect([state('a'), state('b')]).toEqual([true, false]);
  });
});
