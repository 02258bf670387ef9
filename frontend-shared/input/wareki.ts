// Birth dates as residents write them: 西暦 (`1950-04-01`, `1950/4/1`, `19500401`) or
// 和暦 (`昭和25年4月1日`, `S25.4.1`, `令和元年5月1日`), in full or half width.
// Mirrors crates/domain/src/wareki.rs and BirthDate in applicant.rs: the form must
// never accept a date the server refuses, nor refuse one it accepts.

import { asciiUpper, foldToAscii, trimText } from './width';

export interface Era {
  /** 明治, 大正, 昭和, 平成, 令和. */
  readonly name: string;
  /** The letter used in short forms such as `S25.4.1`. */
  readonly letter: string;
  /** The era's first day, `YYYY-MM-DD`. */
  readonly start: string;
}

/** The eras a living resident may be born in, oldest first. */
export const eras: readonly Era[] = [
  { name: '明治', letter: 'M', start: '1868-01-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '令和', letter: 'R', start: '2019-05-01' },
];

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type BirthDateCode = 'validation.required' | 'birth_date.invalid' | 'birth_date.out_of_range';

export type BirthDateResult = { ok: true; iso: string } | { ok: false; code: BirthDateCode };

// chrono's NaiveDate range: a year beyond it is "not a date" (invalid), a year
// inside it but in the future is "not a possible birth date" (out_of_range).
const MIN_YEAR = -262143;
const MAX_YEAR = 262142;
const U32_MAX = 4294967295;
const I32_MAX = 2147483647;
const EARLIEST_BIRTH: CalendarDate = { year: 1900, month: 1, day: 1 };

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function makeDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  const lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const last = lengths[month - 1] ?? 0;
  return day >= 1 && day <= last ? { year, month, day } : null;
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function fromIso(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? makeDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

function toIso(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function eraStart(index: number): CalendarDate | null {
  const era = eras[index];
  return era ? fromIso(era.start) : null;
}

/** Numbers in the text, in order (`昭和25年4月1日` → 25, 4, 1; `元年` counts as 1). */
function numbers(text: string): number[] {
  return (
    text
      .replaceAll('元', '1')
      .split(/[^0-9]/)
      .filter((part) => part !== '')
      .map(Number)
      // Rust parses each as u32 and silently drops the ones that overflow.
      .filter((n) => n <= U32_MAX)
  );
}

/** Reads a written date in either calendar; `null` when it is not one. */
export function parseDate(input: string): CalendarDate | null {
  const text = foldToAscii(trimText(input));
  const upper = asciiUpper(text);
  const index = eras.findIndex((era) => text.startsWith(era.name) || upper.startsWith(era.letter));
  if (index >= 0) {
    const parts = numbers(text);
    const start = eraStart(index);
    if (parts.length !== 3 || !start) return null;
    const [year = 0, month = 0, day = 0] = parts;
    if (year > I32_MAX) return null;
    const date = makeDate(start.year + year - 1, month, day);
    // 昭和64年1月8日 does not exist: it was 平成元年. A date must fall inside its era.
    const end = eraStart(index + 1);
    return date && compare(date, start) >= 0 && (!end || compare(date, end) < 0) ? date : null;
  }
  if (/^[0-9]{8}$/.test(text)) {
    return makeDate(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
  }
  const parts = numbers(text);
  if (parts.length !== 3) return null;
  const [year = 0, month = 0, day = 0] = parts;
  // Two-digit years are ambiguous (昭和25? 2025?), so the server refuses them.
  if (year < 1000 || year > I32_MAX) return null;
  return makeDate(year, month, day);
}

/** Today as a calendar date: a `Date` is read in the browser's time zone. */
function calendarToday(today: Date | string): CalendarDate {
  if (typeof today !== 'string')
    return { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
  const date = fromIso(today);
  if (!date) throw new RangeError(`today must be YYYY-MM-DD, not ${today}`);
  return date;
}

/** A birth date: a date in either calendar, not in the future and not before 1900. */
export function parseBirthDate(input: string, today: Date | string): BirthDateResult {
  if (trimText(input) === '') return { ok: false, code: 'validation.required' };
  const date = parseDate(input);
  if (!date) return { ok: false, code: 'birth_date.invalid' };
  if (compare(date, calendarToday(today)) > 0 || compare(date, EARLIEST_BIRTH) < 0) {
    return { ok: false, code: 'birth_date.out_of_range' };
  }
  return { ok: true, iso: toIso(date) };
}

/**
 * `1950-04-01` → `昭和25年4月1日` (`元年` for an era's first year), so a resident can
 * check the date in the calendar they know. Before 明治 the 西暦 year is shown; text
 * that is not a `YYYY-MM-DD` date is returned as it is.
 */
export function toWareki(iso: string): string {
  const date = fromIso(iso);
  if (!date) return iso;
  let index = -1;
  eras.forEach((_, i) => {
    const start = eraStart(i);
    if (start && compare(date, start) >= 0) index = i;
  });
  const era = eras[index];
  const start = eraStart(index);
  const tail = `${date.month}月${date.day}日`;
  if (!era || !start) return `${date.year}年${tail}`;
  const year = date.year - start.year + 1;
  return `${era.name}${year === 1 ? '元' : year}年${tail}`;
}
