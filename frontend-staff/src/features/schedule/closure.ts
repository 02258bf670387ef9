// An emergency closure of a day with bookings: the server refuses to strand them and
// lists each; the administrator may then close the day anyway, cancelling exactly the
// bookings listed, each resident told why by mail. Pure, so that the request and the
// reading of the answers are tested apart from the dialog.
import type { ApiError } from '../../../../frontend-shared/api/problem';
import type { components } from '../../api/schema';
import { affectedBookings, type AffectedBooking } from './logic';

export type DateBody = components['schemas']['DateBody'];

/** The API's limit of the notice to residents. */
export const NOTICE_MAX = 500;

const STRANDS = 'schedule.strands_bookings';

/** Each booking once, in the order listed (a refusal names one per booking; the request must too). */
function unique(bookings: readonly AffectedBooking[]): AffectedBooking[] {
  const seen = new Set<string>();
  const once: AffectedBooking[] = [];
  for (const booking of bookings) {
    if (seen.has(booking.number)) continue;
    seen.add(booking.number);
    once.push(booking);
  }
  return once;
}

/** The bookings a refusal to close the day names, or null when it is some other refusal. */
export function strandedBookings(error: ApiError | null | undefined): AffectedBooking[] | null {
  if (!error || error.code !== STRANDS) return null;
  const bookings = unique(affectedBookings(error.errors));
  return bookings.length > 0 ? bookings : null;
}

/** What is wrong with the notice before sending it: the server trims and counts characters. */
export function noticeFault(notice: string): 'required' | 'too_long' | null {
  const text = notice.trim();
  if (text === '') return 'required';
  return [...text].length > NOTICE_MAX ? 'too_long' : null;
}

/**
 * The PUT …/dates/{date} that closes the day and cancels the bookings the administrator
 * saw: the server cancels only when these are exactly the ones it would strand.
 */
export function closureRequest(reason: string, notice: string, bookings: readonly AffectedBooking[]): DateBody {
  return {
    closed: true,
    reason: reason.trim(),
    cancel_bookings: { notice: notice.trim(), reception_numbers: unique(bookings).map((b) => b.number) },
  };
}

/** How many bookings a closure cancels: each once. */
export function cancelCount(bookings: readonly AffectedBooking[]): number {
  return unique(bookings).length;
}

export type CancelFailure =
  /** The day's bookings changed since the list was shown: confirm the new list. */
  | { kind: 'relisted'; bookings: AffectedBooking[] }
  /** The notice was refused (`validation.required`, `validation.too_long`, …). */
  | { kind: 'notice'; code: string }
  /** Anything else: said as it is. */
  | { kind: 'failed'; code: string };

/** What a refused closure with cancellations means for the dialog. */
export function cancelFailure(error: ApiError): CancelFailure {
  const relisted = strandedBookings(error);
  if (relisted) return { kind: 'relisted', bookings: relisted };
  const notice = error.errors.find((e) => e.field === 'cancel_bookings.notice');
  if (notice) return { kind: 'notice', code: notice.code };
  return { kind: 'failed', code: error.status === 0 ? 'network' : error.code };
}
