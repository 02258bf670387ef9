// Run by both SPAs' vitest (globals: this folder has no packages to import vitest from).
import {
  addDays,
  addMonths,
  endOfMonth,
  formatDate,
  formatDateTime,
  formatMonth,
  formatRange,
  formatSeireki,
  formatShortSeireki,
  formatSlot,
  formatTime,
  isIsoDate,
  monthGrid,
  startOfWeek,
  todayInTokyo,
  tokyoDateOf,
  weekDates,
} from './japan';

describe('calendar days', () => {
  it('checks dates written YYYY-MM-DD that exist', () => {
    expect(isIsoDate('2026-12-02')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('adds days and months across the year end and short months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-10', -1)).toBe('2025-12-10');
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
  });

  it('starts weeks on Sunday', () => {
    expect(startOfWeek('2026-11-23')).toBe('2026-11-22'); // a Monday
    expect(startOfWeek('2026-11-22')).toBe('2026-11-22');
    expect(weekDates('2026-12-02')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
  });

  it('builds the weeks covering a month', () => {
    const december = monthGrid('2026-12-17');
    expect(december).toHaveLength(5);
    expect(december[0]?.[0]).toBe('2026-11-29');
    expect(december[4]?.[6]).toBe('2027-01-02');
    expect(december.every((week) => week.length === 7)).toBe(true);
    // February 2026 starts on a Sunday and fills four rows exactly.
    expect(monthGrid('2026-02-01')).toHaveLength(4);
    // August 2026 needs six rows.
    expect(monthGrid('2026-08-01')).toHaveLength(6);
  });
});

describe('Japan time', () => {
  it('knows the day in Japan whatever the laptop says', () => {
    expect(todayInTokyo(new Date('2026-11-30T15:30:00Z'))).toBe('2026-12-01');
    expect(todayInTokyo(new Date('2026-11-30T14:59:00Z'))).toBe('2026-11-30');
    expect(tokyoDateOf('2026-12-01T23:30:00Z')).toBe('2026-12-02');
  });

  // As the resident SPA had it (todayInJapan) before both shared these.
  it('knows it is already tomorrow in Japan while it is still evening in London', () => {
    expect(todayInTokyo(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(todayInTokyo(new Date('2026-11-30T14:59:00Z'))).toBe('2026-11-30');
    expect(tokyoDateOf('2026-12-01T08:30:00+09:00')).toBe('2026-12-01');
  });

  it('formats times, dates and slots in Japanese', () => {
    expect(formatTime('2026-12-02T00:00:00Z')).toBe('09:00');
    expect(formatTime('2026-12-02T14:30:00+09:00')).toBe('14:30');
    expect(formatDate('2026-12-02')).toBe('2026年12月2日（水）');
    expect(formatDate('2026-12-02', false)).toBe('2026年12月2日');
    expect(formatDateTime('2026-12-01T15:05:00Z')).toBe('2026/12/02 00:05');
    expect(formatSlot('2026-12-02T09:00:00+09:00', '2026-12-02T09:30:00+09:00')).toBe(
      '2026年12月2日（水） 09:00〜09:30',
    );
    expect(formatMonth('2026-12-17')).toBe('2026年12月');
    expect(formatMonth('2027-01')).toBe('2027年1月');
    expect(formatRange('2026-11-29', '2026-12-05')).toBe('2026年11月29日（日）〜12月5日（土）');
    expect(formatRange('2026-12-27', '2027-01-02')).toBe('2026年12月27日（日）〜2027年1月2日（土）');
  });
});

// These were the counter's and the schedule screens' own helpers before they shared these.
describe('as the counter and the schedule screens use them', () => {
  it('takes the day in Japan, not in the laptop time zone', () => {
    expect(tokyoDateOf('2026-05-31T15:30:00Z')).toBe('2026-06-01');
    expect(tokyoDateOf('2026-05-31T14:59:00Z')).toBe('2026-05-31');
    expect(todayInTokyo(new Date('2026-03-01T15:30:00Z'))).toBe('2026-03-02');
  });
  it('steps days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('writes dates and slots the Japanese way', () => {
    expect(formatDate('2026-12-01')).toBe('2026年12月1日（火）');
    expect(formatDate('2026-01-04')).toBe('2026年1月4日（日）');
    expect(formatSlot('2026-12-01T10:00:00+09:00', '2026-12-01T10:30:00+09:00')).toBe(
      '2026年12月1日（火） 10:00〜10:30',
    );
  });
});

// As the audit log and the users list used to write instants themselves.
describe('instants with and without seconds', () => {
  it('shows the moment in Japan time', () => {
    expect(formatDateTime('2026-03-31T15:30:05Z', true)).toBe('2026/04/01 00:30:05');
    expect(formatDateTime('2026-03-31T15:30:00Z')).toBe('2026/04/01 00:30');
  });
  it('shows what is not an instant as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

// As the staff SPA wrote a birth date's 西暦 beside its 和暦 (lib/wareki.ts).
describe('西暦', () => {
  it('is written with slashes, short in tables', () => {
    expect(formatSeireki('1975-04-01')).toBe('1975/04/01');
    expect(formatSeireki('1975-02-30')).toBe('1975-02-30');
    expect(formatShortSeireki('2026-11-05')).toBe('2026/11/5');
    expect(formatShortSeireki(null)).toBe('—');
  });
});
