// The one API client: openapi-fetch typed from the generated schema, every refusal
// thrown as an ApiError (with a 429's Retry-After).
import createClient from 'openapi-fetch';
import { problemMiddleware, type ThrowingPaths } from '../../../frontend-shared/api/call';
import type { components, paths } from './schema';

export type { components };

export type Problem = components['schemas']['Problem'];
export type FieldErrorBody = components['schemas']['FieldErrorBody'];
export type SiteInfo = components['schemas']['SiteInfo'];

/** The API's paths, each refusal typed as the ApiError problemMiddleware throws. */
export type ApiPaths = ThrowingPaths<paths>;

export const api = createClient<ApiPaths>({
  // Absolute, so that the same client works in the browser and in tests.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // Looked up at call time rather than captured once.
  fetch: (request) => globalThis.fetch(request),
});
api.use(problemMiddleware);
