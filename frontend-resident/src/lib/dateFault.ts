// Why a written date is not a date. The shared reader (frontend-shared/input/wareki.ts)
// answers only "not a date" (`birth_date.invalid`, as the server does); a resident who
// typed 2月30日 or 昭和64年2月1日 is better helped by being told which part does not exist.
// The shapes read here are the reader's own, so a text it accepts never gets a fault.

import { eras, parseDate } from '../../../frontend-shared/input/wareki';
import { asciiUpper, foldToAscii, trimText } from '../../../frontend-shared/input/width';
import type { FieldFault } from '../i18n/problems';

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
const compare = (a: Ymd, b: Ymd) => a.year - b.year || a.month - b.month || a.day - b.day;

function ymd(iso: string): Ymd {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
}

/** The numbers of the text in order, 元 read as 1, as the shared reader takes them. */
function numbers(text: string): number[] {
  return text
    .replaceAll('元', '1')
    .split(/[^0-9]/)
    .filter((part) => part !== '')
    .map(Number);
}

/** A month or a day that no calendar has: 13月, 2月30日, 4月31日 (2月29日 outside leap years). */
function calendarFault({ year, month, day }: Ymd): FieldFault | null {
  if (month < 1 || month > 12) return { code: 'date.no_such_month', params: { month } };
  if (day < 1 || day > daysIn(year, month)) return { code: 'date.no_such_day', params: { month, day } };
  return null;
}

const eraYear = (year: number) => (year === 1 ? '元' : String(year));

/**
 * What does not exist in a date-shaped text: `{ code: 'date.no_such_day', params:
 * { month: 2, day: 30 } }` for 2026/2/30; `date.era_ended` for 昭和64年2月1日 (昭和 ended
 * on 64年1月7日), `date.era_not_begun` for 平成元年1月1日. `null` for a real date and for
 * text that is not shaped like a date at all (then the plain "cannot read" message fits).
 */
export function dateFault(input: string): FieldFault | null {
  if (parseDate(input)) return null;
  const text = foldToAscii(trimText(input));
  const upper = asciiUpper(text);
  const index = eras.findIndex((era) => text.startsWith(era.name) || upper.startsWith(era.letter));
  const era = eras[index];
  if (era) {
    const parts = numbers(text);
    if (parts.length !== 3) return null;
    const [year = 0, month = 0, day = 0] = parts;
    const start = ymd(era.start);
    const date = { year: start.year + year - 1, month, day };
    const fault = calendarFault(date);
    if (fault) return fault;
    const written = `${era.name}${eraYear(year)}年${month}月${day}日`;
    if (compare(date, start) < 0) {
      return {
        code: 'date.era_not_begun',
        params: { date: written, era: era.name, limit: `元年${start.month}月${start.day}日` },
      };
    }
    const next = eras[index + 1];
    if (!next) return null;
    const end = new Date(`${next.start}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() - 1);
    const last = { year: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate() };
    return {
      code: 'date.era_ended',
      params: {
        date: written,
        era: era.name,
        limit: `${eraYear(last.year - start.year + 1)}年${last.month}月${last.day}日`,
      },
    };
  }
  if (/^[0-9]{8}$/.test(text)) {
    return calendarFault({
      year: Number(text.slice(0, 4)),
      month: Number(text.slice(4, 6)),
      day: Number(text.slice(6)),
    });
  }
  const parts = numbers(text);
  const [year = 0, month = 0, day = 0] = parts;
  if (parts.length !== 3 || year < 1000) return null;
  return calendarFault({ year, month, day });
}
