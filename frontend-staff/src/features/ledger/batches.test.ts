import { describe, expect, it } from 'vitest';
import type { OpenBatch } from './api';
import { expiryAfterTouch, formatDayTime, readConflict, reasonProblem, sortOpenBatches } from './batches';

function open(id: string, by: string, mine: boolean): OpenBatch {
  return {
    id,
    created_by: by,
    mine,
    created_at: '2026-12-06T05:00:00Z',
    touched_at: '2026-12-06T05:00:00Z',
    expires_at: '2026-12-09T05:00:00Z',
    scans: 1,
  };
}

describe('the times of a batch', () => {
  it('reads as month, day and time in Japan, whatever the device is set to', () => {
    expect(formatDayTime('2026-12-09T05:05:00Z')).toBe('12月9日 14:05');
    // 17:23 UTC is already the next morning in Japan.
    expect(formatDayTime('2026-12-05T17:23:00Z')).toBe('12月6日 02:23');
    expect(formatDayTime('2026-12-31T15:00:00+00:00')).toBe('1月1日 00:00');
    expect(formatDayTime('not a time')).toBe('not a time');
  });

  it('moves the expiry as far as the batch was touched later', () => {
    expect(expiryAfterTouch('2026-12-09T05:00:00Z', '2026-12-06T05:00:00Z', '2026-12-06T07:30:00Z')).toBe(
      '2026-12-09T07:30:00.000Z',
    );
    expect(expiryAfterTouch(null, '2026-12-06T05:00:00Z', '2026-12-06T07:30:00Z')).toBeNull();
  });
});

describe('the list of open batches', () => {
  it("puts the clerk's own first, each group in the server's order", () => {
    const items = [
      open('a', 'admin', false),
      open('b', 'ledger', true),
      open('c', 'suzuki', false),
      open('d', 'ledger', true),
    ];
    expect(sortOpenBatches(items).map((b) => b.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('the discard reason', () => {
  it('is required, spaces (full-width ones too) not counting', () => {
    expect(reasonProblem('')).toBe('validation.required');
    expect(reasonProblem(' \u3000\n')).toBe('validation.required');
    expect(reasonProblem('別の配送分と混ざったため')).toBeNull();
  });

  it('holds at most 200 characters, counted as the server counts them', () => {
    expect(reasonProblem('あ'.repeat(200))).toBeNull();
    expect(reasonProblem('あ'.repeat(201))).toBe('validation.too_long');
    // A character outside the BMP is one character, not two UTF-16 units.
    expect(reasonProblem('𠮷'.repeat(200))).toBeNull();
  });
});

describe('what a refused scan conflicts with', () => {
  it('reads the batch holding the card, or the card', () => {
    const batch = { kind: 'ledger_scan_batch', id: 'b1', at: '2026-12-06T05:00:00Z', by: 'ledger' };
    expect(readConflict({ code: 'ledger.duplicate_qr', conflict_with: batch })).toEqual(batch);
    expect(readConflict({ conflict_with: { kind: 'ledger_card', id: 'c1' } })).toEqual({
      kind: 'ledger_card',
      id: 'c1',
      at: null,
      by: null,
    });
  });

  it('is none when the answer names nothing it knows', () => {
    expect(readConflict(null)).toBeNull();
    expect(readConflict({ code: 'ledger.batch_committed' })).toBeNull();
    expect(readConflict({ conflict_with: null })).toBeNull();
    expect(readConflict({ conflict_with: { kind: 'booking', id: 'x' } })).toBeNull();
    expect(readConflict({ conflict_with: { kind: 'ledger_card' } })).toBeNull();
  });
});
