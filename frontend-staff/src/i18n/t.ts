import type { ApiError } from '../../../frontend-shared/api/problem';
import { ja, type MessageKey } from './ja';

/** The Japanese text for a key, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return ja[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message for an API error code, or a generic one for codes we do not know yet. */
export function errorMessage(code: string): string {
  const key = `error.${code}`;
  return key in ja ? ja[key as MessageKey] : ja['error.generic'];
}

/**
 * The message for a refused request: a request that never got an answer says so, and a
 * sign-in locked for a while says for about how long (Retry-After, in minutes rounded up).
 */
export function apiErrorMessage(error: Pick<ApiError, 'status' | 'code' | 'retryAfter'>): string {
  if (error.status === 0) return errorMessage('network');
  if (error.code === 'auth.locked' && error.retryAfter !== undefined && error.retryAfter > 0)
    return t('error.auth.locked.minutes', { minutes: Math.ceil(error.retryAfter / 60) });
  return errorMessage(error.code);
}
