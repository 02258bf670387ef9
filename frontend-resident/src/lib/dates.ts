// Dates as the API speaks them (ISO dates, RFC 3339 with +09:00) and as residents read
// them (12月1日（火） 8:30). Arithmetic is on UTC calendar days so that the browser's
// own time zone never shifts a date: a resident abroad still books Japan time.

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
export const WEEKDAY_NAMES = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'] as const;

export type IsoDate = string;

function parts(date: IsoDate): [number, number, number] {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return [y, m, d];
}

function toUtc(date: IsoDate): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Today in Japan, whatever the device's time zone. */
export function todayInJapan(now: Date = new Date()): IsoDate {
  return fromUtc(new Date(now.getTime() + 9 * 3600_000));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

/** A month as `YYYY-MM`. */
export type YearMonth = string;

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

export function addMonths(month: YearMonth, count: number): YearMonth {
  const [y, m] = parts(`${month}-01`);
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDay(month: YearMonth): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: YearMonth): IsoDate {
  return addDays(firstDay(addMonths(month, 1)), -1);
}

/** The month's weeks, Sunday first, with `null` for the days of the neighbouring months. */
export function monthWeeks(month: YearMonth): (IsoDate | null)[][] {
  const weeks: (IsoDate | null)[][] = [];
  let week: (IsoDate | null)[] = Array.from({ length: weekday(firstDay(month)) }, () => null);
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
  const [, m, d] = parts(date);
  return `${m}月${d}日（${WEEKDAYS[weekday(date)]}）`;
}

/** 2026年12月1日（火） */
export function formatDate(date: IsoDate): string {
  return `${parts(date)[0]}年${formatDay(date)}`;
}

/** 2026年12月 */
export function formatMonth(month: YearMonth): string {
  const [y, m] = parts(`${month}-01`);
  return `${y}年${m}月`;
}

/** The date part of an RFC 3339 instant given in Japan time, as the API sends them. */
export function dateOfInstant(instant: string): IsoDate {
  return instant.slice(0, 10);
}

/** 8:30 from `2026-12-01T08:30:00+09:00`. */
export function timeOfInstant(instant: string): string {
  const hours = Number(instant.slice(11, 13));
  return `${hours}:${instant.slice(14, 16)}`;
}

/** 2026年12月1日（火） 8:30〜9:00 */
export function formatVisit(start: string, end: string): string {
  return `${formatDate(dateOfInstant(start))} ${timeOfInstant(start)}〜${timeOfInstant(end)}`;
}
