import { describe, expect, it } from 'vitest';
import { formatJapanTime, fromJapanLocalInput, publicationState, toJapanLocalInput } from './time';

describe('datetime-local ↔ RFC 3339 in Japan time', () => {
  it('reads a datetime-local value as Japan time', () => {
    expect(fromJapanLocalInput('2026-03-01T09:00')).toBe('2026-03-01T09:00:00+09:00');
    expect(fromJapanLocalInput('2026-12-31T23:59:30')).toBe('2026-12-31T23:59:30+09:00');
  });

  it('is null when empty and undefined when not a real date or time', () => {
    expect(fromJapanLocalInput('')).toBeNull();
    expect(fromJapanLocalInput('   ')).toBeNull();
    expect(fromJapanLocalInput('2026-02-30T10:00')).toBeUndefined();
    expect(fromJapanLocalInput('2026-03-01T24:00')).toBeUndefined();
    expect(fromJapanLocalInput('2026/03/01 10:00')).toBeUndefined();
  });

  it('shows an instant of any offset as the Japan wall clock', () => {
    expect(toJapanLocalInput('2026-03-01T09:00:00+09:00')).toBe('2026-03-01T09:00');
    // 15:30 UTC is 00:30 the next day in Japan.
    expect(toJapanLocalInput('2026-03-01T15:30:00Z')).toBe('2026-03-02T00:30');
    expect(toJapanLocalInput('2026-12-31T15:00:00.000Z')).toBe('2027-01-01T00:00');
    expect(toJapanLocalInput(null)).toBe('');
    expect(toJapanLocalInput('not a date')).toBe('');
  });

  it('round-trips whatever the browser time zone', () => {
    for (const value of ['2026-01-01T00:00', '2026-06-15T12:34', '2028-02-29T23:59']) {
      expect(toJapanLocalInput(fromJapanLocalInput(value))).toBe(value);
    }
  });

  it('formats for reading in Japan time', () => {
    expect(formatJapanTime('2026-03-01T00:00:00Z')).toBe('2026/3/1(日) 9:00');
    expect(formatJapanTime(undefined)).toBe('');
  });

  it('tells whether a period is current, to come or over', () => {
    const now = Date.parse('2026-03-01T12:00:00+09:00');
    expect(publicationState(null, null, now)).toBe('published');
    expect(publicationState('2026-03-02T00:00:00+09:00', null, now)).toBe('scheduled');
    expect(publicationState(null, '2026-03-01T12:00:00+09:00', now)).toBe('ended');
    expect(publicationState('2026-02-01T00:00:00+09:00', '2026-04-01T00:00:00+09:00', now)).toBe('published');
  });
});
