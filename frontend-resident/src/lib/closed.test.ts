import { describe, expect, it } from 'vitest';
import { closedLabel, closedMark, closedOf, closedSentence } from './closed';

/** Mark, cell name and sentence of an API day. */
function shown(closed: string, closed_reason: string | null = null) {
  const day = closedOf({ closed, closed_reason });
  if (!day) throw new Error('open');
  return [closedMark(day), closedLabel(day), closedSentence(day)];
}

describe('a closed day as residents read it', () => {
  it('is no closed day at all when the API names no closure', () => {
    expect(closedOf({})).toBeNull();
    expect(closedOf({ closed: null, closed_reason: null })).toBeNull();
  });

  it('marks a weekly closed day 休', () => {
    expect(shown('weekly')).toEqual(['休', '休業日', 'この日は休業日です。']);
  });

  it('marks a national holiday 祝 with its name', () => {
    expect(shown('holiday', '成人の日')).toEqual([
      '祝',
      '祝日（成人の日）',
      'この日は祝日（成人の日）のため休みです。',
    ]);
    expect(shown('holiday')).toEqual(['祝', '祝日', 'この日は祝日のため休みです。']);
  });

  it('marks the year-end break 年末年始', () => {
    expect(shown('year_end')).toEqual(['年末年始', '年末年始の休み', '年末年始のため休みです。']);
  });

  it('marks the municipality’s own closure 臨時休業 with its reason', () => {
    expect(shown('closure', 'システム更新')).toEqual([
      '臨時休業',
      '臨時休業（システム更新）',
      'この日は臨時休業です（システム更新）。',
    ]);
  });

  it('leaves out a reason that is empty or only spaces, rather than show empty brackets', () => {
    expect(shown('closure', '')).toEqual(['臨時休業', '臨時休業', 'この日は臨時休業です。']);
    expect(shown('closure', ' 　')).toEqual(['臨時休業', '臨時休業', 'この日は臨時休業です。']);
    expect(shown('closure', ' 庁舎点検 ')[2]).toBe('この日は臨時休業です（庁舎点検）。');
  });

  it('reads a kind it does not know as a plain closed day, keeping the reason', () => {
    expect(shown('disaster', '台風のため')).toEqual([
      '休',
      '休業日（台風のため）',
      'この日は休業日です（台風のため）。',
    ]);
  });

  it('keeps the reason as it was written, markup and braces included', () => {
    expect(shown('closure', '<b>点検</b> {reason} $&')[2]).toBe('この日は臨時休業です（<b>点検</b> {reason} $&）。');
    expect(shown('closure', '{label}')[1]).toBe('臨時休業（{label}）');
  });
});
