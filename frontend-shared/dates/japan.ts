// Calendar arithmetic on plain `YYYY-MM-DD` dates (Japan's calendar days), done in UTC
// so that the browser's own time zone never shifts a day. Instants from the API are
// shown in Japan time whatever the device is set to: a resident abroad still books, and
// a clerk's laptop still reads, Japan time. Both SPAs use these; what only one of them
// writes (the resident's `8:30`, month pages) stays in that SPA's lib/dates.ts.

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

export const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: IsoDate): Date {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function fromUtc(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

/** Whether `text` is a real day written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(text: string | null | undefined): text is IsoDate {
  if (!text || !ISO.test(text)) return false;
  return fromUtc(toUtc(text)) === text;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = toUtc(date);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtc(value);
}

/** The same day `months` later, or that month's last day when it has no such day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const value = toUtc(date);
  const day = value.getUTCDate();
  const first = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromUtc(first);
}

export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: IsoDate): IsoDate {
  return addDays(addMonths(startOfMonth(date), 1), -1);
}

/** 0 for Sunday … 6 for Saturday. */
export function weekdayOf(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

/** The Sunday that starts the week of `date` (Japanese calendars start on Sunday). */
export function startOfWeek(date: IsoDate): IsoDate {
  return addDays(date, -weekdayOf(date));
}

/** Sunday to Saturday of the week holding `date`. */
export function weekDates(date: IsoDate): IsoDate[] {
  const first = startOfWeek(date);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** The weeks (Sunday first) that cover the month of `date`: 4 to 6 rows of 7 days. */
export function monthGrid(date: IsoDate): IsoDate[][] {
  const last = endOfMonth(date);
  const weeks: IsoDate[][] = [];
  for (let sunday = startOfWeek(startOfMonth(date)); sunday <= last; sunday = addDays(sunday, 7)) {
    weeks.push(weekDates(sunday));
  }
  return weeks;
}

export function sameMonth(a: IsoDate, b: IsoDate): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

const tokyoDate = /* @__PURE__ */ new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const tokyoTime = /* @__PURE__ */ new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Put together from the parts: no locale's order of year, month and day can be relied on
// (the ICU that WebKitGTK on Debian 12 uses writes en-CA as 12/07/2026, not 2026-12-07).
function tokyoDay(instant: Date): IsoDate {
  const parts = Object.fromEntries(tokyoDate.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The day it is in Japan at `now`. */
export function todayInTokyo(now: Date = new Date()): IsoDate {
  return tokyoDay(now);
}

/** The Japanese calendar day of an instant (RFC 3339). */
export function tokyoDateOf(instant: string): IsoDate {
  return tokyoDay(new Date(instant));
}

/** `09:00`, in Japan time. */
export function formatTime(instant: string): string {
  return tokyoTime.format(new Date(instant));
}

/** `2026年12月2日（水）`. */
export function formatDate(date: IsoDate, withWeekday = true): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日${withWeekday ? `（${WEEKDAYS[weekdayOf(date)]}）` : ''}`;
}

/** `12/2（水）`, for table headings. */
export function formatShortDate(date: IsoDate): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}/${d}（${WEEKDAYS[weekdayOf(date)]}）`;
}

/** `2026年12月`, from a date or a month written `YYYY-MM`. */
export function formatMonth(date: IsoDate): string {
  const [y, m] = date.split('-').map(Number);
  return `${y}年${m}月`;
}

/** `2026年11月29日（日）〜12月5日（土）`. */
export function formatRange(first: IsoDate, last: IsoDate): string {
  const tail = first.slice(0, 4) === last.slice(0, 4) ? formatDate(last).replace(/^\d+年/, '') : formatDate(last);
  return `${formatDate(first)}〜${tail}`;
}

/** `2026/12/02 09:00` (or `09:00:05` with the seconds), in Japan time; what is not an instant is shown as it is. */
export function formatDateTime(instant: string, withSeconds = false): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(date);
}

/** `2026年12月2日（水） 9:00〜9:30` for a slot. */
export function formatSlot(start: string, end: string): string {
  return `${formatDate(tokyoDateOf(start))} ${formatTime(start)}〜${formatTime(end)}`;
}

/** `1975/04/01`: a date written in 西暦 beside its 和暦 (see ../input/wareki.ts, toWareki). */
export function formatSeireki(date: IsoDate): string {
  return isIsoDate(date) ? date.replaceAll('-', '/') : date;
}

/** `1975/4/1`, short, for a table cell full of dates; `—` for none. */
export function formatShortSeireki(date: IsoDate | null | undefined): string {
  if (!date || !isIsoDate(date)) return '—';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}/${m}/${d}`;
}
