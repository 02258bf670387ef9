import { describe, expect, it } from 'vitest';
import { formatDay, lastDay, monthWeeks, shiftMonth, timeOfInstant, visitParts } from './dates';

describe('dates as residents read them', () => {
  it('shows a slot in Japan time with the weekday, whatever the device time zone', () => {
    expect(visitParts('2026-12-01T08:30:00+09:00', '2026-12-01T09:00:00+09:00')).toEqual([
      '2026年12月1日（火）',
      '8:30〜9:00',
    ]);
    expect(timeOfInstant('2026-12-01T13:00:00+09:00')).toBe('13:00');
    expect(formatDay('2027-01-03')).toBe('1月3日（日）');
  });

  it('lays a month out in weeks starting on Sunday', () => {
    const weeks = monthWeeks('2026-12');
    expect(weeks[0]).toEqual([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(weeks.at(-1)).toEqual(['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null]);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('steps over the year end and knows February of a leap year', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(lastDay('2028-02')).toBe('2028-02-29');
  });
});
