import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatSlot, japanDate } from './time';

describe('dates in Japan time', () => {
  it('takes the day in Japan, not in the laptop time zone', () => {
    expect(japanDate(new Date('2026-05-31T15:30:00Z'))).toBe('2026-06-01');
    expect(japanDate(new Date('2026-05-31T14:59:00Z'))).toBe('2026-05-31');
  });
  it('steps days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('writes dates and slots the Japanese way', () => {
    expect(formatDate('2026-12-01')).toBe('2026年12月1日（火）');
    expect(formatSlot('2026-12-01T10:00:00+09:00', '2026-12-01T10:30:00+09:00')).toBe('2026年12月1日（火） 10:00〜10:30');
  });
});
