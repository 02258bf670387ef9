// What the three booking screens share: names from the lists of locations and
// procedures, the Japanese labels of statuses and API errors, and the error display.
import { ApiError } from '../../../../frontend-shared/api/problem';
import type { MessageKey } from '../../i18n/ja';
import { errorMessage, t } from '../../i18n/t';
import type { Named } from './api';

/** A name by id, or a dash while the list loads or for an unknown id. */
export function nameOf(list: Named[] | undefined, id: string): string {
  return list?.find((item) => item.id === id)?.name ?? '—';
}

/** The option text: a location or procedure no longer offered says so. */
export function optionLabel(item: Named): string {
  return item.active ? item.name : t('bookings.inactive', { name: item.name });
}

const STATUS_LABELS: Record<string, MessageKey> = {
  booked: 'bookings.status.booked',
  visited: 'bookings.status.visited',
  no_show: 'bookings.status.no_show',
  cancelled: 'bookings.status.cancelled',
};

export function statusLabel(status: string): string {
  const key = STATUS_LABELS[status];
  return key ? t(key) : status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`bookings-status bookings-status-${status}`}>{statusLabel(status)}</span>;
}

const ERRORS: Record<string, MessageKey> = {
  'validation.date': 'bookings.error.date',
  'validation.period_reversed': 'bookings.error.periodReversed',
  'validation.period_too_long': 'bookings.error.periodTooLong',
  'validation.out_of_range': 'bookings.error.outOfRange',
  'booking.unknown_status': 'bookings.error.unknownStatus',
  'booking.export_too_large': 'bookings.error.exportTooLarge',
  'export.too_large_for_xlsx': 'bookings.error.tooLargeForXlsx',
  'booking.not_found': 'bookings.error.notFound',
  'location.not_found': 'bookings.error.locationNotFound',
  'reception_number.invalid': 'bookings.error.receptionNumber',
  'reception_number.check_digit': 'bookings.error.receptionCheckDigit',
  'management_number.invalid': 'bookings.error.managementNumber',
  'phone.invalid': 'bookings.error.phone',
  'site.closed': 'bookings.error.siteClosed',
};

/** The Japanese text of an API error code. */
export function bookingsError(code: string): string {
  const key = ERRORS[code];
  return key ? t(key) : errorMessage(code);
}

/** The text of any failure: network, field-less problem or unexpected error. */
export function failureText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? errorMessage('network') : bookingsError(error.code);
  return errorMessage('generic');
}

/** A failure, read out when it appears. */
export function FailureAlert({ title, text }: { title: string; text: string }) {
  return (
    <div className="error-summary" role="alert">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}

/** A failure to load something. */
export function LoadError({ error, what }: { error: unknown; what: string }) {
  return <FailureAlert title={t('bookings.loadFailed', { what })} text={failureText(error)} />;
}

/** Why a download (CSV, print sheet) failed: the first problem the server named, or the failure itself. */
export function downloadFailureText(error: unknown): string {
  return error instanceof ApiError && error.errors[0] ? bookingsError(error.errors[0].code) : failureText(error);
}

/** The choice of location above a calendar or a day's list. */
export function LocationSelect({
  id,
  list,
  value,
  onChange,
}: {
  id: string;
  list: Named[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <div className="bookings-location">
      <label htmlFor={id}>{t('bookings.location')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {list.map((l) => (
          <option key={l.id} value={l.id}>
            {optionLabel(l)}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ShownError {
  field: string;
  label: string;
  message: string;
  /** The id of the control to move to. */
  target: string;
}

/** The lines of the error summary, and what makes the focus move to it again: a change in them. */
export function summaryOf(errors: ShownError[], general: string | null) {
  return {
    items: errors.map((e) => ({ target: e.target, text: `${e.label}: ${e.message}` })),
    focusKey: JSON.stringify([errors.map((e) => `${e.field}:${e.message}`), general]),
  };
}
