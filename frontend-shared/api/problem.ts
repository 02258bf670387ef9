// What the API answers when it refuses: an RFC 9457 problem+json with a stable `code`
// and, for input it could not accept, one error per field. Both SPAs turn every such
// answer (and a request that never reached the server) into an ApiError.

/** One field's error, as the API's `FieldErrorBody`. */
export interface FieldError {
  /** Stable machine code (`password.too_short`). */
  code: string;
  /** Dotted path of the field as sent (`password`, `roles`); for imports, the column. */
  field: string;
  message: string;
  /** 1-based line of an uploaded file, when the error comes from one. */
  line?: number | null;
}

/** A problem+json answer from the API, or a network failure (status 0, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** Seconds to wait before trying again, from the Retry-After of a 429 or of a locked sign-in's 423. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, detail?: string, errors: FieldError[] = [], retryAfter?: number) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  /** Reads a problem body; anything else becomes a generic error of that status. */
  static fromBody(status: number, body: unknown, retryAfter?: number): ApiError {
    if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
      const problem = body as { code: string; detail?: string | null; errors?: unknown };
      return new ApiError(
        status,
        problem.code,
        problem.detail ?? undefined,
        Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [],
        retryAfter,
      );
    }
    return new ApiError(status, status >= 500 ? 'internal' : 'generic', undefined, [], retryAfter);
  }

  /** Reads a refused answer: its problem body (when it has one) and its Retry-After. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's HTML page): a generic error of that status.
    }
    const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
    return ApiError.fromBody(response.status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
}

/**
 * The errors of one field, for showing beside it. A function rather than a method: an
 * ApiError typed through openapi-fetch (the `error` of a query or a mutation) keeps its
 * data but not its methods.
 */
export function fieldErrors(error: ApiError | null | undefined, field: string): FieldError[] {
  return error?.errors.filter((e) => e.field === field) ?? [];
}
