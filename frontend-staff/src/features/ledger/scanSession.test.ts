import { describe, expect, it } from 'vitest';
import type { Scan, ScanBatch } from './api';
import { duplicateScanId, duplicateWhere, INITIAL, scanReducer, type ScanState } from './scanSession';

const BATCH = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-2222-3333-4444-555555555555';
const CARD = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function scan(id: string, number: string, at = '2026-11-24T01:02:03Z'): Scan {
  return {
    id,
    scanned_at: at,
    card: {
      management_number: number,
      name: '試験 一郎',
      birth_date: '1975-04-01',
      kind: 'new',
      visit_method: 'at_issuance',
      signing_certificate: true,
      user_certificate: true,
    },
  };
}

function batch(scans: Scan[], more: Partial<ScanBatch> = {}): ScanBatch {
  return {
    id: BATCH,
    created_by: 'ledger',
    created_at: '2026-11-24T01:00:00Z',
    touched_at: '2026-11-24T01:00:00Z',
    expires_at: '2026-11-27T01:00:00Z',
    state: 'open',
    scans,
    ...more,
  };
}

const heldBy = (id: string) => ({ kind: 'ledger_scan_batch', id, at: '2026-11-24T01:02:03Z', by: 'ledger' }) as const;

describe('where a duplicate was met', () => {
  it('names the registered card, to link to it', () => {
    expect(duplicateWhere('A1B234567 is registered in the ledger already', { kind: 'ledger_card', id: CARD })).toEqual({
      kind: 'registered',
      number: 'A1B234567',
      cardId: CARD,
    });
  });

  it('names the open batch that holds the card, with who scanned it and when', () => {
    expect(
      duplicateWhere(
        'A1B234567 was scanned already, by ledger at 2026-11-24T01:02:03+00:00, in a batch not registered yet',
        heldBy(BATCH),
      ),
    ).toEqual({ kind: 'scanned', number: 'A1B234567', batchId: BATCH, at: '2026-11-24T01:02:03Z', by: 'ledger' });
  });

  it('falls back to a plain duplicate, keeping the number when there is one', () => {
    expect(duplicateWhere('A1B234567 was scanned or registered already', null)).toEqual({
      kind: 'unknown',
      number: 'A1B234567',
    });
    expect(duplicateWhere(undefined, null)).toEqual({ kind: 'unknown', number: null });
  });
});

describe('the scan session', () => {
  it('opens a batch with its scans newest first, who started it and when it expires', () => {
    const state = scanReducer(INITIAL, {
      type: 'started',
      batch: batch([scan('s1', 'AAA000001'), scan('s2', 'AAA000002')]),
    });
    expect(state.mode).toBe('open');
    expect(state.scans.map((s) => s.id)).toEqual(['s2', 's1']);
    expect([state.duplicates, state.errors, state.outcome]).toEqual([0, 0, null]);
    expect(state.info).toEqual({
      createdBy: 'ledger',
      createdAt: '2026-11-24T01:00:00Z',
      touchedAt: '2026-11-24T01:00:00Z',
      expiresAt: '2026-11-27T01:00:00Z',
    });
  });

  it('shows a discarded or registered batch as closed, taking no cards', () => {
    const discarded = batch([], {
      state: 'discarded',
      expires_at: null,
      discarded_at: '2026-11-25T00:00:00Z',
      discarded_by: 'system',
      discard_reason: '72 時間操作がなかったため自動で破棄',
    });
    const state = scanReducer(INITIAL, { type: 'started', batch: discarded });
    expect([state.mode, state.batchId, state.closed, state.info]).toEqual(['closed', BATCH, discarded, null]);
    const refused = scanReducer(state, { type: 'closed', batch: discarded, code: 'ledger.batch_discarded' });
    expect(refused.closedBy).toBe('ledger.batch_discarded');
    expect(scanReducer(refused, { type: 'reset' })).toEqual(INITIAL);
    expect(scanReducer(INITIAL, { type: 'missing', id: OTHER })).toMatchObject({ mode: 'missing', batchId: OTHER });
  });

  it('moves the expiry with each card read, as the server does', () => {
    let state = scanReducer(INITIAL, { type: 'started', batch: batch([]) });
    state = scanReducer(state, { type: 'scanned', scan: scan('s1', 'AAA000001', '2026-11-24T05:30:00Z') });
    expect(state.info?.touchedAt).toBe('2026-11-24T05:30:00Z');
    expect(state.info?.expiresAt).toBe('2026-11-27T05:30:00.000Z');
  });

  it('counts reads, duplicates and errors, and numbers each outcome', () => {
    let state: ScanState = scanReducer(INITIAL, { type: 'started', batch: batch([]) });
    state = scanReducer(state, { type: 'scanned', scan: scan('s1', 'AAA000001') });
    state = scanReducer(state, { type: 'scanned', scan: scan('s2', 'AAA000002') });
    state = scanReducer(state, { type: 'scanned', scan: scan('s3', 'AAA000003') });
    expect(state.scans.map((s) => s.card.management_number)).toEqual(['AAA000003', 'AAA000002', 'AAA000001']);
    expect(state.outcome).toEqual({ kind: 'ok', card: scan('s3', 'AAA000003').card });
    state = scanReducer(state, { type: 'duplicate', detail: 'AAA000001 was scanned already', conflict: heldBy(BATCH) });
    expect([state.scans.length, state.duplicates, state.errors]).toEqual([3, 1, 0]);
    expect(duplicateScanId(state)).toBe('s1');
    state = scanReducer(state, {
      type: 'invalid',
      errors: [{ field: 'birth_date', code: 'birth_date.invalid', message: '' }],
      payload: 'x',
    });
    state = scanReducer(state, { type: 'failed', code: 'network' });
    expect([state.scans.length, state.duplicates, state.errors, state.seq]).toEqual([3, 1, 2, 6]);
    expect(duplicateScanId(state)).toBeNull();
  });

  it('marks no row for a card met in another batch', () => {
    let state = scanReducer(INITIAL, { type: 'started', batch: batch([scan('s1', 'AAA000001')]) });
    state = scanReducer(state, { type: 'duplicate', detail: 'AAA000001 was scanned already', conflict: heldBy(OTHER) });
    expect(duplicateScanId(state)).toBeNull();
  });

  it('takes a removed scan off the list, and the read count with it', () => {
    let state = scanReducer(INITIAL, {
      type: 'started',
      batch: batch([scan('s1', 'AAA000001'), scan('s2', 'AAA000002')]),
    });
    state = scanReducer(state, { type: 'removed', scanId: 's1' });
    expect(state.scans.map((s) => s.id)).toEqual(['s2']);
  });

  it('adds the codes read from a page file newest first, and counts its refusals as typed scans are counted', () => {
    let state = scanReducer(INITIAL, { type: 'started', batch: batch([scan('s1', 'AAA000001')]) });
    state = scanReducer(state, { type: 'duplicate', detail: undefined, conflict: null });
    const report = {
      found: 5,
      added: [scan('s2', 'AAA000002'), scan('s3', 'AAA000003')],
      refused: [
        { page: 1, code: 'ledger.duplicate_qr', detail: '', management_number: 'AAA000001' },
        { page: 1, code: 'qr.invalid', detail: 'birth_date: bad', management_number: null },
        { page: 2, code: 'qr.undecodable', detail: '', management_number: null },
      ],
    };
    state = scanReducer(state, { type: 'imagesRead', report });
    expect(state.scans.map((s) => s.id)).toEqual(['s3', 's2', 's1']);
    expect([state.duplicates, state.errors]).toEqual([2, 2]);
    expect(state.outcome, 'the last typed outcome is stale').toBeNull();
  });
});
