// The ledger's codes (statuses, kinds, steps, error codes…) in the clerk's words.
import { ApiError } from '../../../../frontend-shared/api/problem';
import { ja, type MessageKey } from '../../i18n/ja';
import { errorMessage, t } from '../../i18n/t';

export const STATUSES = [
  'received',
  'inspected',
  'set_up',
  'notice_sent',
  'notice_returned',
  'booked',
  'handed_over',
  'cancelled',
  'reissued',
  'abolished',
  'disposed',
] as const;
export type CardStatus = (typeof STATUSES)[number];
export const KINDS = ['new', 'renewal', 'reissue'] as const;
export const VISIT_METHODS = ['at_issuance', 'at_application'] as const;
export const INSPECTION_RESULTS = ['ok', 'moved_out', 'deceased', 'defect', 'other'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

function lookup(key: string): string | undefined {
  return key in ja ? ja[key as MessageKey] : undefined;
}

/** A code's label under `prefix`, or the code itself when this screen does not know it yet. */
function labelOf(prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return t('ledger.none');
  return lookup(`${prefix}${code}`) ?? code;
}

export const statusLabel = (status: string | null | undefined) => labelOf('ledger.status.', status);
export const kindLabel = (kind: string | null | undefined) => labelOf('ledger.kind.', kind);
export const visitLabel = (visit: string | null | undefined) => labelOf('ledger.visit.', visit);
export const inspectionLabel = (result: string | null | undefined) => labelOf('ledger.inspection.', result);
export const sexLabel = (sex: string | null | undefined) => labelOf('ledger.sex.', sex);
export const stepLabel = (step: string) => labelOf('ledger.step.', step);
export const renewalLabel = (check: string | null | undefined) => labelOf('ledger.renewal.', check);
export const stepDateLabel = (step: string) => labelOf('ledger.stepDate.', step);

/** A card field's name (`birth_date` → 生年月日); also the scan errors' and CSV columns' names. */
export function fieldLabel(field: string): string {
  return lookup(`ledger.field.${field}`) ?? field;
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return t('ledger.none');
  return value ? t('ledger.yes') : t('ledger.no');
}

export function reissuableLabel(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return t('ledger.card.reissuableUnset');
  return value ? t('ledger.reissuable.true') : t('ledger.reissuable.false');
}

/** The message for an error code: the ledger's wording first, then the app's. */
export function ledgerError(code: string): string {
  return lookup(`ledger.error.${code}`) ?? errorMessage(code);
}

/** Whatever was thrown, as an ApiError. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'generic');
}

/** The message for an API error as a whole (a 0-status one is the network). */
export function problemMessage(e: unknown): string {
  const error = asApiError(e);
  return ledgerError(error.status === 0 ? 'network' : error.code);
}

/** One field error as `生年月日: 日付として読めません`, named by its field. */
export function fieldErrorText(field: string, code: string): string {
  return `${fieldLabel(field)}: ${ledgerError(code)}`;
}

/** The API's field errors, one message per field (the first), for showing beside controls. */
export function fieldMessages(error: ApiError): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const e of error.errors) messages[e.field] ??= ledgerError(e.code);
  return messages;
}
