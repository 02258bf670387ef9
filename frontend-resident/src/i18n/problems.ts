// What a failed API call means to a resident, in words: by the problem's stable code.
import type { ApiError } from '../../../frontend-shared/api/problem';
import { ja, type MessageKey } from './ja';
import { t } from './t';

/** The message for an API failure; the municipality's own text for a closed site. */
export function problemMessage(error: ApiError): string {
  if (error.code === 'site.closed' && error.detail) return error.detail;
  if (error.code === 'rate_limited') {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return minutes > 60
      ? t('problem.rate_limited.hours', { hours: Math.ceil(minutes / 60) })
      : t('problem.rate_limited', { minutes });
  }
  const key = `problem.${error.code}`;
  if (key in ja) return t(key as MessageKey);
  if (error.status === 0) return t('problem.network');
  if (error.status >= 500) return t('problem.internal');
  return t('problem.generic');
}

/**
 * What is wrong with one field: the server's code (`validation.required`, `kana.invalid`, …)
 * or a finer one the page worked out (`date.no_such_day`), with what its message names.
 */
export interface FieldFault {
  code: string;
  params?: Record<string, string | number>;
}

/** The message for a field's fault; an unknown code still says to check the field. */
export function fieldMessage(fault: FieldFault | string): string {
  const { code, params } = typeof fault === 'string' ? { code: fault, params: undefined } : fault;
  const key = `error.${code}`;
  return key in ja ? t(key as MessageKey, params) : t('error.field');
}
