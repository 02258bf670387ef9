import { describe, expect, it } from 'vitest';
import { actionLabel, actorLabel, describeEvent } from './history';

describe('booking history', () => {
  it('names actions and actors in Japanese', () => {
    expect(actionLabel('created')).toBe('予約');
    expect(actionLabel('checked_in')).toBe('来庁受付');
    expect(actionLabel('something_new')).toBe('something_new');
    expect(actorLabel('resident')).toBe('本人（予約サイト）');
    expect(actorLabel('callcenter')).toBe('callcenter');
  });

  it('describes each event in Japan time', () => {
    expect(
      describeEvent('created', {
        start: '2026-12-02T00:00:00Z',
        places: 2,
        without_letter: true,
        beyond_capacity: false,
      }),
    ).toEqual(['枠 2026/12/02 09:00', '2名', '交付通知書なし']);
    expect(
      describeEvent('changed', {
        from: '2026-12-02T00:00:00Z',
        to: '2026-12-03T01:30:00Z',
        reason: '電話で依頼',
        beyond_capacity: false,
      }),
    ).toEqual(['2026/12/02 09:00 → 2026/12/03 10:30', '理由: 電話で依頼']);
    expect(describeEvent('cancelled', { start: '2026-12-02T00:00:00Z', reason: null })).toEqual([
      '枠 2026/12/02 09:00',
    ]);
    expect(describeEvent('notes', { notes: '車椅子' })).toEqual(['備考: 車椅子']);
    expect(describeEvent('notes', { notes: '' })).toEqual(['備考を消去']);
    expect(describeEvent('checked_in', {})).toEqual([]);
    expect(describeEvent('no_show', null)).toEqual([]);
  });
});
