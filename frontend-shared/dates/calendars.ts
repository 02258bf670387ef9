// A day written in both calendars, as a booking's date is printed for a resident and read
// at the counter: many residents, and the forms they bring, count years in 和暦, so the
// completion page (and what is printed from it) gives both rather than making them convert.

import { toWareki } from '../input/wareki';
import { formatDate, tokyoDateOf, type IsoDate } from './japan';

/** `2026年12月8日（火）` and `令和8年12月8日`: each kept whole when text wraps between them. */
export function bothCalendars(date: IsoDate): [seireki: string, wareki: string] {
  return [formatDate(date), toWareki(date)];
}

/** `2026年12月8日（火） 令和8年12月8日`. */
export function formatBothCalendars(date: IsoDate): string {
  return bothCalendars(date).join(' ');
}

/** The Japanese day of an instant (RFC 3339) in both calendars, whatever the device's time zone. */
export function bothCalendarsOf(instant: string): [seireki: string, wareki: string] {
  return bothCalendars(tokyoDateOf(instant));
}
