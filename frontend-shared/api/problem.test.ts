// Run by both SPAs' vitest (globals: this folder has no packages to import vitest from).
import { call, problemMiddleware } from './call';
import { ApiError, fieldErrors } from './problem';

const problem = (status: number, code: string, extra: object = {}) =>
  new Response(
    JSON.stringify({ type: `urn:madoguchi:problem:${code}`, title: code, status, code, errors: [], ...extra }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

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
    expect(fieldErrors(error, 'password').map((e) => e.code)).toEqual([
      'password.too_short',
      'password.too_few_classes',
    ]);
  });

  it('turns a body that is not a problem into a generic error of that status', () => {
    expect(ApiError.fromBody(502, '<html>Bad Gateway</html>').code).toBe('internal');
    expect(ApiError.fromBody(404, null).code).toBe('generic');
  });

  it('reads an answer with its Retry-After', async () => {
    const limited = problem(429, 'rate_limited');
    limited.headers.set('Retry-After', '30');
    const error = await ApiError.fromResponse(limited);
    expect([error.status, error.code, error.retryAfter]).toEqual([429, 'rate_limited', 30]);
    const gateway = await ApiError.fromResponse(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect([gateway.code, gateway.retryAfter]).toEqual(['internal', undefined]);
  });
});

describe('the problem middleware', () => {
  it('throws a refusal as an ApiError and lets an answer through', async () => {
    await expect(problemMiddleware.onResponse({ response: problem(409, 'booking.stale') })).rejects.toMatchObject({
      status: 409,
      code: 'booking.stale',
    });
    await expect(problemMiddleware.onResponse({ response: new Response('{}', { status: 200 }) })).resolves.toBe(
      undefined,
    );
  });

  it('makes a request that got no answer a network error, and leaves a cancelled one cancelled', () => {
    const network = problemMiddleware.onError({ error: new TypeError('Failed to fetch') });
    expect(network).toBeInstanceOf(ApiError);
    expect((network as ApiError).code).toBe('network');
    const aborted = new DOMException('aborted', 'AbortError');
    expect(problemMiddleware.onError({ error: aborted })).toBeUndefined();
  });
});

describe('call()', () => {
  const answer = (response: Response, data?: unknown, error?: unknown) => Promise.resolve({ data, error, response });

  it('unwraps the data', async () => {
    await expect(call(answer(new Response(null, { status: 200 }), { ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it('throws what is refused as an ApiError, with its Retry-After', async () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '5' } });
    await expect(call(answer(response, undefined, { code: 'rate_limited' }))).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfter: 5,
    });
  });

  it('keeps an ApiError the middleware threw and makes anything else a network error', async () => {
    const thrown = new ApiError(401, 'auth.locked');
    await expect(call(Promise.reject(thrown))).rejects.toBe(thrown);
    await expect(call(Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({
      status: 0,
      code: 'network',
    });
  });
});
