// The back office's codes (API error codes, card states, sexes, encodings) in the clerk's words.
import { ApiError } from '../../../../frontend-shared/api/problem';
import { ja, type MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';

function lookup(key: string): string | undefined {
  return key in ja ? ja[key as MessageKey] : undefined;
}

/** The message for an API error code; a generic one for a code this screen does not know. */
export function officeError(code: string): string {
  return lookup(`ledgerOffice.error.${code}`) ?? t('ledgerOffice.error.generic');
}

/** What to say when a request failed as a whole (no field to point at). */
export function failureText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('ledgerOffice.error.generic');
  if (error.status === 0) return t('ledgerOffice.error.network');
  if (error.status === 403) return t('ledgerOffice.error.auth.forbidden');
  if (error.status === 413) return t('ledgerOffice.error.request.too_large');
  // A problem about the file itself (empty, unknown encoding) carries its own code.
  const own = error.errors[0]?.code;
  return lookup(`ledgerOffice.error.${error.code}`) ?? (own ? officeError(own) : t('ledgerOffice.error.generic'));
}

export function statusLabel(status: string | null | undefined): string {
  if (!status) return t('ledgerOffice.none');
  return lookup(`ledgerOffice.status.${status}`) ?? status;
}

export function sexLabel(sex: string | null | undefined): string {
  if (!sex) return t('ledgerOffice.none');
  return lookup(`ledgerOffice.sex.${sex}`) ?? sex;
}

export function encodingLabel(encoding: string): string {
  return lookup(`ledgerOffice.encoding.${encoding}`) ?? encoding;
}
