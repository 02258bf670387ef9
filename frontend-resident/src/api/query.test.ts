import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../frontend-shared/api/problem';
import { getKey, retryNetwork } from './query';

describe('the resident queries', () => {
  it('try a request that got no answer twice more, and never one the server answered', () => {
    const network = new ApiError(0, 'network');
    expect([0, 1, 2].map((count) => retryNetwork(count, network))).toEqual([true, true, false]);
    expect(retryNetwork(0, new ApiError(404, 'tenant.not_found'))).toBe(false);
    expect(retryNetwork(0, new ApiError(500, 'internal'))).toBe(false);
    expect(retryNetwork(0, new Error('not from the API'))).toBe(false);
  });

  it('are keyed by method, path and params, as openapi-react-query keys them', () => {
    expect(getKey('/api/v1/public/{tenant}/availability')).toEqual(['get', '/api/v1/public/{tenant}/availability']);
    expect(getKey('/api/v1/public/{tenant}/site', { params: { path: { tenant: 'demo' } } })).toEqual([
      'get',
      '/api/v1/public/{tenant}/site',
      { params: { path: { tenant: 'demo' } } },
    ]);
  });
});
