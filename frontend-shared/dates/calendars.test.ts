// Run by both SPAs' vitest (globals: this folder has no packages to import vitest from).
import { bothCalendars, bothCalendarsOf, formatBothCalendars } from './calendars';

describe('a day in 西暦 and 和暦', () => {
  it('writes the 西暦 date with its weekday, then the 和暦 date', () => {
    expect(formatBothCalendars('2026-12-08')).toBe('2026年12月8日（火） 令和8年12月8日');
    expect(bothCalendars('2026-12-08')).toEqual(['2026年12月8日（火）', '令和8年12月8日']);
  });

  it('writes an era’s first year as 元年 and changes era on its first day', () => {
    expect(formatBothCalendars('2019-04-30')).toBe('2019年4月30日（火） 平成31年4月30日');
    expect(formatBothCalendars('2019-05-01')).toBe('2019年5月1日（水） 令和元年5月1日');
  });

  it('knows leap days and the turn of the year', () => {
    expect(formatBothCalendars('2028-02-29')).toBe('2028年2月29日（火） 令和10年2月29日');
    expect(formatBothCalendars('2027-01-01')).toBe('2027年1月1日（金） 令和9年1月1日');
  });

  it('takes an instant’s day in Japan, not in the device’s time zone', () => {
    // 15:30 UTC on the 7th is 00:30 on the 8th in Japan.
    expect(bothCalendarsOf('2026-12-07T15:30:00Z')).toEqual(['2026年12月8日（火）', '令和8年12月8日']);
    expect(bothCalendarsOf('2026-12-08T23:59:00+09:00')).toEqual(['2026年12月8日（火）', '令和8年12月8日']);
  });
});
