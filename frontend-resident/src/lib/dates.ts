// Dates as residents read them (12月1日（火） 8:30) and the month pages of the calendar.
// The calendar arithmetic and Japan time both SPAs use are in
// ../frontend-shared/dates/japan.ts.
import {
  addDays,
  formatDate,
  tokyoDateOf,
  WEEKDAYS,
  weekdayOf,
  type IsoDate,
} from '../../../frontend-shared/dates/japan';

export const WEEKDAY_NAMES = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'] as const;

/** A month as `YYYY-MM`. */
export type YearMonth = string;

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

/** The month `count` months after (or before) `month`. */
export function shiftMonth(month: YearMonth, count: number): YearMonth {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDay(month: YearMonth): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: YearMonth): IsoDate {
  return addDays(firstDay(shiftMonth(month, 1)), -1);
}

/** The month's weeks, Sunday first, with `null` for the days of the neighbouring months. */
export function monthWeeks(month: YearMonth): (IsoDate | null)[][] {
  const weeks: (IsoDate | null)[][] = [];
  let week: (IsoDate | null)[] = Array.from({ length: weekdayOf(firstDay(month)) }, () => null);
  for (let day = firstDay(month); monthOf(day) === month; day = addDays(day, 1)) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** 12月1日（火） */
export function formatDay(date: IsoDate): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日（${WEEKDAYS[weekdayOf(date)]}）`;
}

/** 8:30 from `2026-12-01T08:30:00+09:00` (the API gives instants in Japan time). */
export function timeOfInstant(instant: string): string {
  const hours = Number(instant.slice(11, 13));
  return `${hours}:${instant.slice(14, 16)}`;
}

/** 2026年12月1日（火） and 8:30〜9:00: a visit's day and time, shown each on one line. */
export function visitParts(start: string, end: string): [day: string, time: string] {
  return [formatDate(tokyoDateOf(start)), `${timeOfInstant(start)}〜${timeOfInstant(end)}`];
}
