// The one API client: openapi-fetch typed from the generated schema, with the bearer
// token, one retry after a token refresh, and every refusal thrown as an ApiError.
import createClient, { type Middleware } from 'openapi-fetch';
import { problemMiddleware, type ThrowingPaths } from '../../../frontend-shared/api/call';
import { ApiError } from '../../../frontend-shared/api/problem';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldErrorBody = components['schemas']['FieldErrorBody'];
export type CurrentUser = components['schemas']['CurrentUser'];
export type Role = components['schemas']['Role'];
export type LoginResponse = components['schemas']['LoginResponse'];

/** The API's paths, each refusal typed as the ApiError problemMiddleware throws. */
export type ApiPaths = ThrowingPaths<paths>;

// The access token lives in memory only: a page reload restores it from the
// HttpOnly refresh cookie, which scripts cannot read.
let accessToken: string | null = null;
export function setAccessToken(token: string | null): void {
  accessToken = token;
}
export function getAccessToken(): string | null {
  return accessToken;
}

const bearer: Middleware = {
  onRequest({ request }) {
    if (accessToken && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${accessToken}`);
    }
    return request;
  },
};

// A request whose access token expired (a laptop woke from sleep, a timer ran late)
// is sent again once, after the session provider refreshed the token.
let refresher: (() => Promise<boolean>) | null = null;
export function onTokenExpired(refresh: (() => Promise<boolean>) | null): void {
  refresher = refresh;
}

const RETRIED_CODES = ['auth.token_expired', 'auth.token_stale'];
const pending = new Map<string, Request>();

const retryOnExpiry: Middleware = {
  onRequest({ request, id }) {
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ request, response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !refresher || !original || new URL(request.url).pathname.startsWith('/api/v1/auth/'))
      return response;
    const problem: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const code = problem && typeof problem === 'object' && 'code' in problem ? problem.code : null;
    if (typeof code !== 'string' || !RETRIED_CODES.includes(code) || !(await refresher())) return response;
    original.headers.set('Authorization', `Bearer ${accessToken ?? ''}`);
    return globalThis.fetch(original).catch(() => {
      throw new ApiError(0, 'network');
    });
  },
  onError({ id }) {
    pending.delete(id);
  },
};

// A user who signed in with a one-time password may do nothing but replace it; a tab
// that did not know (opened before, or the flag set since) learns it from any refusal,
// and the session provider then shows the screen that replaces it instead of an error.
let passwordChangeRequired: (() => void) | null = null;
export function onPasswordChangeRequired(handler: (() => void) | null): void {
  passwordChangeRequired = handler;
}

const PASSWORD_CHANGE_REQUIRED = 'auth.password_change_required';

const noticePasswordChange: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 403 || !passwordChangeRequired) return undefined;
    const problem: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const code = problem && typeof problem === 'object' && 'code' in problem ? problem.code : null;
    if (code === PASSWORD_CHANGE_REQUIRED) passwordChangeRequired();
    // The refusal itself still reaches the caller as an ApiError.
    return undefined;
  },
};

// A refused file's answer lists at most its first 1,000 faults and says in
// `errors_total` how many it has in all. The shared ApiError has no room for that
// count, so it is kept beside the error thrown, for errorsTotal() to give back.
const totals = new WeakMap<ApiError, number>();

/** How many faults a refused file has in all, when its answer said; undefined otherwise. */
export function errorsTotal(error: unknown): number | undefined {
  return error instanceof ApiError ? totals.get(error) : undefined;
}

const keepErrorsTotal: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const problem: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const total = problem && typeof problem === 'object' && 'errors_total' in problem ? problem.errors_total : null;
    // Without a count, problemMiddleware (next) makes the ApiError as ever.
    if (typeof total !== 'number' || !Number.isFinite(total)) return undefined;
    const error = await ApiError.fromResponse(response);
    totals.set(error, total);
    throw error;
  },
};

export const api = createClient<ApiPaths>({
  // Absolute, so that the same client works in the browser and in tests.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // Looked up at call time rather than captured once.
  fetch: (request) => globalThis.fetch(request),
});
// Answers pass through the middleware last to first: the retry sees a 401 before
// problemMiddleware (or, for an answer with `errors_total`, keepErrorsTotal) turns what
// is still refused into an ApiError; noticePasswordChange sees the answer after the retry.
api.use(problemMiddleware, keepErrorsTotal, noticePasswordChange, bearer, retryOnExpiry);
