// How both SPAs meet openapi-fetch: a middleware that makes every refused answer a
// thrown ApiError (so TanStack Query's `error` is always one), the paths type that says
// so, and call() for the few requests made outside a query or a mutation. No import of
// openapi-fetch here (this folder has no packages): the shapes are written out and
// checked where each SPA hands them to its client.
import { ApiError } from './problem';

/**
 * openapi-fetch middleware: an answer that is not 2xx is thrown as an ApiError read from
 * its problem+json body; a request that never got an answer is thrown as ApiError
 * `network` (status 0). A cancelled request stays the AbortError it is. Registered first,
 * so that its `onResponse` runs last, after any middleware that retries.
 */
export const problemMiddleware = {
  async onResponse({ response }: { response: Response }): Promise<undefined> {
    if (!response.ok) throw await ApiError.fromResponse(response);
    return undefined;
  },
  onError({ error }: { error: unknown }): Error | undefined {
    // Undefined leaves the error as it is: openapi-fetch throws the original.
    if (error instanceof ApiError) return undefined;
    if (error && typeof error === 'object' && 'name' in error && error.name === 'AbortError') return undefined;
    return new ApiError(0, 'network');
  },
};

type OkStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | '2XX';

type Throwing<Operation, E> = Operation extends { responses: infer R }
  ? {
      [K in keyof Operation]: K extends 'responses'
        ? { [S in keyof R as S extends OkStatus ? S : never]: R[S] } & {
            default: { headers: { [name: string]: unknown }; content: { 'application/problem+json': E } };
          }
        : Operation[K];
    }
  : Operation;

/**
 * The generated `paths` with every refusal typed as what problemMiddleware throws: with
 * it, openapi-fetch's `error` and openapi-react-query's `error` are `E` (the ApiError),
 * whatever statuses the document lists for the operation.
 */
export type ThrowingPaths<Paths, E = ApiError> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: Throwing<Paths[P][M], E> };
};

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (caught) {
    throw caught instanceof ApiError ? caught : new ApiError(0, 'network');
  }
  if (!result.response.ok) {
    const retryAfter = Number(result.response.headers.get('Retry-After') ?? Number.NaN);
    throw ApiError.fromBody(result.response.status, result.error, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  return result.data as T;
}
