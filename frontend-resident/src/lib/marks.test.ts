import { describe, expect, it } from 'vitest';
import { dayMark, markSymbol } from './marks';

const slots = (...remaining: number[]) => remaining.map((r) => ({ remaining: r }));

describe('the mark of a day in the month calendar', () => {
  it('is × when every slot is full', () => {
    expect(dayMark(slots(0, 0, 0, 0), 1)).toBe('full');
  });

  it('is × when no slot has room for the whole party, even with places left', () => {
    expect(dayMark(slots(1, 2, 1, 2), 3)).toBe('full');
  });

  it('is a dash when the day has no slots (closed or outside the booking window)', () => {
    expect(dayMark([], 1)).toBe('none');
  });

  it('is ◎ when nearly every slot still has room', () => {
    expect(dayMark(slots(3, 3, 3, 0), 1)).toBe('many');
    expect(dayMark(slots(5), 1)).toBe('many');
  });

  it('is ○ when about half the slots have room', () => {
    expect(dayMark(slots(3, 3, 0, 0), 1)).toBe('some');
  });

  it('is △ when only a quarter of the slots have room', () => {
    expect(dayMark(slots(9, 0, 0, 0), 1)).toBe('few');
    expect(dayMark(slots(9, 9, 0, 0, 0, 0, 0, 0), 1)).toBe('few');
  });

  it('is △ when fewer than 5 places are left in the whole day, however spread', () => {
    expect(dayMark(slots(1, 1, 1, 1), 1)).toBe('few');
    expect(dayMark(slots(4), 1)).toBe('few');
  });

  it('counts only the slots that fit the party', () => {
    expect(dayMark(slots(3, 3, 1, 1), 1)).toBe('many');
    expect(dayMark(slots(3, 3, 1, 1), 2)).toBe('some');
    expect(dayMark(slots(3, 1, 1, 1), 2)).toBe('few');
  });

  it('treats a party of 0 as one person', () => {
    expect(dayMark(slots(0, 0), 0)).toBe('full');
  });
});

describe('the symbol of a mark', () => {
  it('is the one Japanese booking sites use', () => {
    expect((['many', 'some', 'few', 'full', 'none'] as const).map(markSymbol)).toEqual(['◎', '○', '△', '×', '－']);
  });
});
