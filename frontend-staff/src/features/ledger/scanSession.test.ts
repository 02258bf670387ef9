import { describe, expect, it } from 'vitest';
import type { Scan, ScanBatch } from './api';
import {
  duplicateScanId,
  duplicateWhere,
  INITIAL,
  readStoredBatch,
  scanReducer,
  storedBatch,
  type ScanState,
} from './scanSession';

const BATCH = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-2222-3333-4444-555555555555';
const CARD = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function scan(id: string, number: string): Scan {
  return {
    id,
    scanned_at: '2026-11-24T01:02:03Z',
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

function batch(scans: Scan[]): ScanBatch {
  return { id: BATCH, created_by: 'ledger', created_at: '2026-11-24T01:00:00Z', scans };
}

describe('where a duplicate was met', () => {
  it('reads a registered card with its id', () => {
    expect(duplicateWhere(`A1B234567 is registered in the ledger already (card ${CARD})`)).toEqual({
      kind: 'registered',
      number: 'A1B234567',
      cardId: CARD,
    });
  });

  it('reads an earlier scan with its batch and time', () => {
    expect(duplicateWhere(`A1B234567 was scanned already, in batch ${BATCH} at 2026-11-24T01:02:03+00:00`)).toEqual({
      kind: 'scanned',
      number: 'A1B234567',
      batchId: BATCH,
      at: '2026-11-24T01:02:03+00:00',
    });
  });

  it('falls back to a plain duplicate, keeping the number when there is one', () => {
    expect(duplicateWhere('A1B234567 was scanned or registered already')).toEqual({
      kind: 'unknown',
      number: 'A1B234567',
    });
    expect(duplicateWhere(undefined)).toEqual({ kind: 'unknown', number: null });
  });
});

describe('the scan session', () => {
  it('starts from a batch with its scans newest first and the counts it had', () => {
    const state = scanReducer(INITIAL, {
      type: 'started',
      batch: batch([scan('s1', 'AAA000001'), scan('s2', 'AAA000002')]),
      duplicates: 2,
      errors: 1,
    });
    expect(state.scans.map((s) => s.id)).toEqual(['s2', 's1']);
    expect([state.duplicates, state.errors, state.outcome]).toEqual([2, 1, null]);
  });

  it('counts reads, duplicates and errors, and numbers each outcome', () => {
    let state: ScanState = scanReducer(INITIAL, { type: 'started', batch: batch([]) });
    state = scanReducer(state, { type: 'scanned', scan: scan('s1', 'AAA000001') });
    state = scanReducer(state, { type: 'scanned', scan: scan('s2', 'AAA000002') });
    state = scanReducer(state, { type: 'scanned', scan: scan('s3', 'AAA000003') });
    expect(state.scans.map((s) => s.card.management_number)).toEqual(['AAA000003', 'AAA000002', 'AAA000001']);
    expect(state.outcome).toEqual({ kind: 'ok', card: scan('s3', 'AAA000003').card });
    state = scanReducer(state, {
      type: 'duplicate',
      detail: `AAA000001 was scanned already, in batch ${BATCH} at 2026-11-24T01:02:03Z`,
    });
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
    state = scanReducer(state, {
      type: 'duplicate',
      detail: `AAA000001 was scanned already, in batch ${OTHER} at 2026-11-24T01:02:03Z`,
    });
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
    state = scanReducer(state, { type: 'duplicate', detail: undefined });
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

  it('keeps the open batch and its counts for this tab, and ignores anything else stored', () => {
    const state = scanReducer(scanReducer(INITIAL, { type: 'started', batch: batch([]) }), {
      type: 'duplicate',
      detail: undefined,
    });
    expect(readStoredBatch(storedBatch(state))).toEqual({ id: BATCH, duplicates: 1, errors: 0 });
    expect(storedBatch(INITIAL)).toBeNull();
    expect(readStoredBatch('not json')).toBeNull();
    expect(readStoredBatch(JSON.stringify({ id: '../etc' }))).toBeNull();
    expect(readStoredBatch(JSON.stringify({ id: BATCH, duplicates: -3 }))).toEqual({
      id: BATCH,
      duplicates: 0,
      errors: 0,
    });
  });
});
