// The scan screen's state: the batch the address names (none yet, loading, open, or
// closed: registered or discarded), the cards read into it (newest first), the running
// counts, and what the last scan gave, which the screen flashes, announces and beeps.
// Nothing of it is kept in the browser: a reload reads the batch again from the server.
import type { FieldErrorBody } from '../../api/client';
import type { ConflictWith, ImageScanReport, Scan, ScanBatch, ScannedCard } from './api';
import { expiryAfterTouch } from './batches';
import { refusalCounts } from './imageScan';

/** Where a refused card is held, from the API's `ledger.duplicate_qr` and its `conflict_with`. */
export type DuplicateWhere =
  | { kind: 'registered'; number: string | null; cardId: string }
  | { kind: 'scanned'; number: string | null; batchId: string; at: string | null; by: string | null }
  | { kind: 'unknown'; number: string | null };

export type Outcome =
  | { kind: 'ok'; card: ScannedCard }
  | { kind: 'duplicate'; where: DuplicateWhere }
  | { kind: 'invalid'; errors: FieldErrorBody[]; payload: string }
  | { kind: 'failed'; code: string };

/**
 * `new`: no batch yet (the first card read starts one); `loading`: the address names a
 * batch being read; `open`: cards go into it; `closed`: registered or discarded, shown as
 * such; `missing`: no such batch.
 */
export type Mode = 'new' | 'loading' | 'open' | 'closed' | 'missing';

/** The open batch: who started it and when, and when it is discarded if left untouched. */
export interface BatchInfo {
  createdBy: string;
  createdAt: string;
  touchedAt: string;
  expiresAt: string | null;
}

export interface ScanState {
  mode: Mode;
  batchId: string | null;
  info: BatchInfo | null;
  /** A registered or discarded batch, as the server shows it. */
  closed: ScanBatch | null;
  /** The refusal that found the batch closed while the clerk worked in it, to say so. */
  closedBy: string | null;
  /** Newest first. */
  scans: Scan[];
  duplicates: number;
  errors: number;
  outcome: Outcome | null;
  /** Counts the outcomes, so that the same outcome twice still flashes and is read out twice. */
  seq: number;
}

export type ScanAction =
  | { type: 'reset' }
  | { type: 'loading'; id: string }
  /** A batch as the server shows it: open ones take cards, others are shown closed. */
  | { type: 'started'; batch: ScanBatch }
  | { type: 'closed'; batch: ScanBatch; code?: string }
  | { type: 'missing'; id: string }
  /** The batch read again (after a scan was taken out): only its times change. */
  | { type: 'touched'; batch: ScanBatch }
  | { type: 'scanned'; scan: Scan }
  | { type: 'duplicate'; detail: string | undefined; conflict: ConflictWith | null }
  | { type: 'invalid'; errors: FieldErrorBody[]; payload: string }
  | { type: 'failed'; code: string }
  | { type: 'removed'; scanId: string }
  /** A scanned page file read by the server: its codes join the list, its refusals the counts. */
  | { type: 'imagesRead'; report: ImageScanReport };

export const INITIAL: ScanState = {
  mode: 'new',
  batchId: null,
  info: null,
  closed: null,
  closedBy: null,
  scans: [],
  duplicates: 0,
  errors: 0,
  outcome: null,
  seq: 0,
};

const MANAGEMENT_NUMBER = /^[0-9A-Z]{3}\d{6}$/;

/**
 * Where the card is held, from `conflict_with`; the management number is the first word
 * of the server's (English) detail. Without `conflict_with`, a plain "duplicate".
 */
export function duplicateWhere(detail: string | undefined, conflict: ConflictWith | null): DuplicateWhere {
  const first = (detail ?? '').split(/\s/)[0] ?? '';
  const number = MANAGEMENT_NUMBER.test(first) ? first : null;
  if (conflict?.kind === 'ledger_card') return { kind: 'registered', number, cardId: conflict.id };
  if (conflict?.kind === 'ledger_scan_batch')
    return { kind: 'scanned', number, batchId: conflict.id, at: conflict.at ?? null, by: conflict.by ?? null };
  return { kind: 'unknown', number };
}

function infoOf(batch: ScanBatch): BatchInfo {
  return {
    createdBy: batch.created_by,
    createdAt: batch.created_at,
    touchedAt: batch.touched_at,
    expiresAt: batch.expires_at ?? null,
  };
}

/** The batch touched at `at` (a card read in): its expiry moves with it. */
function touched(info: BatchInfo | null, at: string | undefined): BatchInfo | null {
  if (!info || !at) return info;
  return { ...info, touchedAt: at, expiresAt: expiryAfterTouch(info.expiresAt, info.touchedAt, at) };
}

export function scanReducer(state: ScanState, action: ScanAction): ScanState {
  switch (action.type) {
    case 'reset':
      return INITIAL;
    case 'loading':
      return { ...INITIAL, mode: 'loading', batchId: action.id };
    case 'started':
      if (action.batch.state !== 'open') return scanReducer(state, { type: 'closed', batch: action.batch });
      return {
        ...INITIAL,
        mode: 'open',
        batchId: action.batch.id,
        info: infoOf(action.batch),
        scans: [...action.batch.scans].reverse(),
      };
    case 'closed':
      return {
        ...INITIAL,
        mode: 'closed',
        batchId: action.batch.id,
        closed: action.batch,
        closedBy: action.code ?? null,
      };
    case 'missing':
      return { ...INITIAL, mode: 'missing', batchId: action.id };
    case 'touched':
      return action.batch.id === state.batchId && state.mode === 'open'
        ? { ...state, info: infoOf(action.batch) }
        : state;
    case 'scanned':
      return {
        ...state,
        info: touched(state.info, action.scan.scanned_at),
        scans: [action.scan, ...state.scans.filter((s) => s.id !== action.scan.id)],
        outcome: { kind: 'ok', card: action.scan.card },
        seq: state.seq + 1,
      };
    case 'duplicate':
      return {
        ...state,
        duplicates: state.duplicates + 1,
        outcome: { kind: 'duplicate', where: duplicateWhere(action.detail, action.conflict) },
        seq: state.seq + 1,
      };
    case 'invalid':
      return {
        ...state,
        errors: state.errors + 1,
        outcome: { kind: 'invalid', errors: action.errors, payload: action.payload },
        seq: state.seq + 1,
      };
    case 'failed':
      return { ...state, errors: state.errors + 1, outcome: { kind: 'failed', code: action.code }, seq: state.seq + 1 };
    case 'removed':
      return { ...state, scans: state.scans.filter((s) => s.id !== action.scanId) };
    case 'imagesRead': {
      // Added in reading order; the list is newest first, so the page's last code leads.
      const added = [...action.report.added].reverse();
      const ids = new Set(added.map((s) => s.id));
      const { duplicates, errors } = refusalCounts(action.report);
      // The last typed outcome is no longer the latest news: the file's report is.
      return {
        ...state,
        info: touched(state.info, added[0]?.scanned_at),
        scans: [...added, ...state.scans.filter((s) => !ids.has(s.id))],
        duplicates: state.duplicates + duplicates,
        errors: state.errors + errors,
        outcome: null,
      };
    }
  }
}

/** The scan of this batch the duplicate points at, to mark its row. */
export function duplicateScanId(state: ScanState): string | null {
  const outcome = state.outcome;
  if (outcome?.kind !== 'duplicate' || outcome.where.kind !== 'scanned' || outcome.where.batchId !== state.batchId)
    return null;
  const number = outcome.where.number;
  return state.scans.find((s) => s.card.management_number === number)?.id ?? null;
}
