import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components };

export type Problem = components['schemas']['Problem'];
export type FieldErrorBody = components['schemas']['FieldErrorBody'];
export type SiteInfo = components['schemas']['SiteInfo'];

/** A problem+json answer from the API, or a network failure (status 0, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldErrorBody[];
  /** Seconds to wait before trying again, from a 429's Retry-After. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, detail?: string, errors: FieldErrorBody[] = [], retryAfter?: number) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  static fromBody(status: number, body: unknown, retryAfter?: number): ApiError {
    if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
      const problem = body as Problem;
      return new ApiError(
        status,
        problem.code,
        problem.detail ?? undefined,
        Array.isArray(problem.errors) ? problem.errors : [],
        retryAfter,
      );
    }
    return new ApiError(status, status >= 500 ? 'internal' : 'generic', undefined, [], retryAfter);
  }
}

export const api = createClient<paths>({
  // Absolute, so that the same client works in the browser and in tests.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // Looked up at call time rather than captured once.
  fetch: (request) => globalThis.fetch(request),
});

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!result.response.ok) {
    const retryAfter = Number(result.response.headers.get('Retry-After') ?? Number.NaN);
    throw ApiError.fromBody(result.response.status, result.error, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  return result.data as T;
}
