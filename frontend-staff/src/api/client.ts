import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldErrorBody = components['schemas']['FieldErrorBody'];
export type CurrentUser = components['schemas']['CurrentUser'];
export type Role = components['schemas']['Role'];
export type LoginResponse = components['schemas']['LoginResponse'];

/** A problem+json answer from the API, or a network failure (status 0, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldErrorBody[];

  constructor(status: number, code: string, detail?: string, errors: FieldErrorBody[] = []) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }

  /** Reads a problem body; anything else becomes a generic error of that status. */
  static fromBody(status: number, body: unknown): ApiError {
    if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
      const problem = body as Problem;
      return new ApiError(
        status,
        problem.code,
        problem.detail ?? undefined,
        Array.isArray(problem.errors) ? problem.errors : [],
      );
    }
    return new ApiError(status, status >= 500 ? 'internal' : 'generic');
  }

  /** The errors of one field, for showing beside it. */
  fieldErrors(field: string): FieldErrorBody[] {
    return this.errors.filter((e) => e.field === field);
  }
}

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
    return globalThis.fetch(original);
  },
};

export const api = createClient<paths>({
  // Absolute, so that the same client works in the browser and in tests.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // Looked up at call time rather than captured once.
  fetch: (request) => globalThis.fetch(request),
});
api.use(bearer, retryOnExpiry);

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!result.response.ok) {
    throw ApiError.fromBody(result.response.status, result.error);
  }
  return result.data as T;
}
