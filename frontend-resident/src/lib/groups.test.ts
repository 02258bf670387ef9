import { describe, expect, it } from 'vitest';
import { readingGroups } from './groups';

describe('readingGroups', () => {
  it('splits a ten-character password into two groups of five', () => {
    expect(readingGroups('ACDE3FGH47')).toEqual(['ACDE3', 'FGH47']);
    expect(readingGroups('1234567890')).toEqual(['12345', '67890']);
  });

  it('keeps every character, in order, whatever the length', () => {
    expect(readingGroups('ABCDEFG')).toEqual(['ABCDE', 'FG']);
    expect(readingGroups('ABC')).toEqual(['ABC']);
    expect(readingGroups('')).toEqual([]);
    expect(readingGroups('ACDE3FGH47', 4).join('')).toBe('ACDE3FGH47');
  });

  it('refuses a group size that cannot split anything', () => {
    expect(() => readingGroups('ACDE3FGH47', 0)).toThrow(RangeError);
  });
});
