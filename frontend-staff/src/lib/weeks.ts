// Every calendar of the staff screens starts its weeks on Monday: a counter's week is
// planned Monday to Friday (the settings' weekly hours, 月〜金), and a clerk moving
// between the booking calendar and the counters' calendar finds each day in the same
// column. The residents' pages keep the wall calendar's Sunday
// (frontend-shared/dates/japan.ts).
import { addDays, endOfMonth, startOfMonth, weekdayOf, type IsoDate } from '../../../frontend-shared/dates/japan';

/** Column headings, Monday first. */
export const WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'] as const;

/** 0 for Monday … 5 for Saturday, 6 for Sunday: the column of `date`. */
export function weekColumn(date: IsoDate): number {
  return (weekdayOf(date) + 6) % 7;
}

/** The Monday that starts the week of `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  return addDays(date, -weekColumn(date));
}

/** Monday to Sunday of the week holding `date`. */
export function weekDates(date: IsoDate): IsoDate[] {
  const first = startOfWeek(date);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** The weeks (Monday first) that cover the month of `date`: 4 to 6 rows of 7 days. */
export function monthGrid(date: IsoDate): IsoDate[][] {
  const last = endOfMonth(date);
  const weeks: IsoDate[][] = [];
  for (let monday = startOfWeek(startOfMonth(date)); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(weekDates(monday));
  }
  return weeks;
}
