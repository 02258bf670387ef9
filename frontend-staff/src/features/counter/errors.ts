import { ApiError } from '../../../../frontend-shared/api/problem';
import { ja, type MessageKey } from '../../i18n/ja';
import { errorMessage } from '../../i18n/t';

/** The message for an error code: this feature's wording first, then the app's. */
export function counterError(code: string): string {
  const key = `counter.error.${code}`;
  return key in ja ? ja[key as MessageKey] : errorMessage(code);
}

/** Whatever was thrown, as an ApiError. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'generic');
}

/** The message for an API error as a whole (a 0-status one is the network). */
export function problemMessage(error: ApiError): string {
  return counterError(error.status === 0 ? 'network' : error.code);
}
