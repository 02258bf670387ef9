import { describe, expect, it } from 'vitest';
import { monthGrid, startOfWeek, weekColumn, WEEKDAYS, weekDates } from './weeks';

describe('weeks start on Monday', () => {
  it('heads the columns 月 to 日', () => {
    expect(WEEKDAYS.join('')).toBe('月火水木金土日');
    expect(weekColumn('2026-11-30')).toBe(0); // a Monday
    expect(weekColumn('2026-12-05')).toBe(5); // a Saturday
    expect(weekColumn('2026-12-06')).toBe(6); // a Sunday
  });

  it('puts a Sunday at the end of its week', () => {
    expect(startOfWeek('2026-12-06')).toBe('2026-11-30');
    expect(startOfWeek('2026-11-30')).toBe('2026-11-30');
    expect(weekDates('2026-12-02')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('covers a month with whole weeks, across the year end', () => {
    const december = monthGrid('2026-12-17');
    expect(december).toHaveLength(5);
    expect(december[0]?.[0]).toBe('2026-11-30');
    expect(december[4]?.[6]).toBe('2027-01-03');
    expect(december.every((week) => week.length === 7 && weekColumn(week[0]!) === 0)).toBe(true);
  });

  it('needs six rows for a month that starts on a Sunday', () => {
    // March 2026: the 1st is a Sunday, the 31st a Tuesday.
    const march = monthGrid('2026-03-01');
    expect(march).toHaveLength(6);
    expect(march[0]?.[6]).toBe('2026-03-01');
    expect(march[5]?.[1]).toBe('2026-03-31');
  });

  it('fits February 2027 in four rows: it starts on a Monday', () => {
    const february = monthGrid('2027-02-10');
    expect(february).toHaveLength(4);
    expect(february[0]?.[0]).toBe('2027-02-01');
    expect(february[3]?.[6]).toBe('2027-02-28');
  });
});
