import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';

describe('ApiError', () => {
  it('reads a problem+json body with its field errors', () => {
    const error = ApiError.fromBody(422, {
      type: 'urn:madoguchi:problem:validation.failed',
      title: 'The input has errors',
      status: 422,
      code: 'validation.failed',
      errors: [
        { field: 'password', code: 'password.too_short', message: 'too short' },
        { field: 'password', code: 'password.too_few_classes', message: 'few classes' },
        { field: 'name', code: 'validation.required', message: 'required' },
      ],
    });
    expect(error.code).toBe('validation.failed');
    expect(error.fieldErrors('password').map((e) => e.code)).toEqual([
      'password.too_short',
      'password.too_few_classes',
    ]);
  });

  it('turns a body that is not a problem into a generic error of that status', () => {
    expect(ApiError.fromBody(502, '<html>Bad Gateway</html>').code).toBe('internal');
    expect(ApiError.fromBody(404, null).code).toBe('generic');
  });
});

describe('an expired access token', () => {
  it('is refreshed and the request sent once more', async () => {
    const { api, call, onTokenExpired, setAccessToken } = await import('./client');
    const seen: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const auth = request.headers.get('Authorization') ?? '';
        seen.push(auth);
        if (auth === 'Bearer old') {
          return new Response(
            JSON.stringify({ type: 'x', title: 'x', status: 401, code: 'auth.token_expired', errors: [] }),
            { status: 401, headers: { 'content-type': 'application/problem+json' } },
          );
        }
        return new Response(JSON.stringify({ login_id: 'admin' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
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
});
