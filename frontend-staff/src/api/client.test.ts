import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../frontend-shared/api/problem';
import { call } from '../../../frontend-shared/api/call';
import { api, errorsTotal, onTokenExpired, setAccessToken } from './client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const expired = () => json(401, { type: 'x', title: 'x', status: 401, code: 'auth.token_expired', errors: [] });

describe('an expired access token', () => {
  it('is refreshed and the request sent once more', async () => {
    const seen: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const auth = request.headers.get('Authorization') ?? '';
        seen.push(auth);
        return auth === 'Bearer old' ? expired() : json(200, { login_id: 'admin' });
      }),
    );
    setAccessToken('old');
    onTokenExpired(async () => {
      setAccessToken('new');
      return true;
    });
    const me = await call(api.GET('/api/v1/me'));
    expect(me.login_id).toBe('admin');
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    onTokenExpired(null);
    vi.unstubAllGlobals();
  });

  it('is an ApiError when the refresh fails, as is every refusal', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => expired()),
    );
    setAccessToken('old');
    onTokenExpired(async () => false);
    const { error } = await api.GET('/api/v1/me').catch((e: unknown) => ({ error: e }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('auth.token_expired');
    onTokenExpired(null);
    setAccessToken(null);
    vi.unstubAllGlobals();
  });
});

describe('a refused file', () => {
  const refused = (extra: Record<string, unknown>) =>
    json(422, {
      type: 'x',
      title: 'x',
      status: 422,
      code: 'import.invalid',
      errors: [{ field: 'name', code: 'validation.required', message: 'required', line: 2 }],
      ...extra,
    });

  it('is an ApiError that keeps how many faults the file has in all', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => refused({ errors_total: 5000 })),
    );
    const error: unknown = await api.GET('/api/v1/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('import.invalid');
    expect((error as ApiError).errors).toHaveLength(1);
    expect(errorsTotal(error)).toBe(5000);
    vi.unstubAllGlobals();
  });

  it('has no total when the answer gives none', async () => {
    for (const extra of [{}, { errors_total: null }]) {
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => refused(extra)),
      );
      const error: unknown = await api.GET('/api/v1/me').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(errorsTotal(error)).toBeUndefined();
      vi.unstubAllGlobals();
    }
    expect(errorsTotal(new Error('x'))).toBeUndefined();
  });
});
