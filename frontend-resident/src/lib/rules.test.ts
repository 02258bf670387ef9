import { describe, expect, it } from 'vitest';
import { opensText, untilText } from './rules';

describe('the booking window in plain words', () => {
  it('says midnight at the start of a day as the end of the day before', () => {
    expect(untilText({ days_before: 1, at: '00:00' })).toBe('2日前まで');
    expect(untilText({ days_before: 0, at: '00:00' })).toBe('前日まで');
  });

  it('names the hour when the window turns at a time of day', () => {
    expect(untilText({ days_before: 1, at: '17:00' })).toBe('前日の17時まで');
    expect(untilText({ days_before: 0, at: '12:30' })).toBe('当日の12時30分まで');
    expect(opensText({ days_before: 14, at: '00:00' })).toBe('14日前から');
    expect(opensText({ days_before: 30, at: '09:00' })).toBe('30日前の9時から');
  });
});
