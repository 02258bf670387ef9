// The scan screen's state: the cards read into the batch (newest first), the running
// counts, and what the last scan gave, which the screen flashes, announces and beeps.
import type { FieldErrorBody } from '../../api/client';
import type { ImageScanReport, Scan, ScanBatch, ScannedCard } from './api';
import { refusalCounts } from './imageScan';

/** Where a refused card was met before, read from the API's `ledger.duplicate_qr` detail. */
export type DuplicateWhere =
  | { kind: 'registered'; number: string; cardId: string }
  | { kind: 'scanned'; number: string; batchId: string; at: string }
  | { kind: 'unknown'; number: string | null };

export type Outcome =
  | { kind: 'ok'; card: ScannedCard }
  | { kind: 'duplicate'; where: DuplicateWhere }
  | { kind: 'invalid'; errors: FieldErrorBody[]; payload: string }
  | { kind: 'failed'; code: string };

export interface ScanState {
  batchId: string | null;
  /** Newest first. */
  scans: Scan[];
  duplicates: number;
  errors: number;
  outcome: Outcome | null;
  /** Counts the outcomes, so that the same outcome twice still flashes and is read out twice. */
  seq: number;
}

export type ScanAction =
  | { type: 'started'; batch: ScanBatch; duplicates?: number; errors?: number }
  | { type: 'scanned'; scan: Scan }
  | { type: 'duplicate'; detail: string | undefined }
  | { type: 'invalid'; errors: FieldErrorBody[]; payload: string }
  | { type: 'failed'; code: string }
  | { type: 'removed'; scanId: string }
  /** A scanned page file read by the server: its codes join the list, its refusals the counts. */
  | { type: 'imagesRead'; report: ImageScanReport };

export const INITIAL: ScanState = { batchId: null, scans: [], duplicates: 0, errors: 0, outcome: null, seq: 0 };

const MANAGEMENT_NUMBER = /^[0-9A-Z]{3}\d{6}$/;

/**
 * The server says in English where it met the card (`A1B234567 is registered in the ledger
 * already (card <id>)`, `… was scanned already, in batch <id> at <instant>`); read it so
 * that the clerk is told in Japanese, and fall back to a plain "duplicate".
 */
export function duplicateWhere(detail: string | undefined): DuplicateWhere {
  const text = detail ?? '';
  const registered = /^(\S+) is registered in the ledger already \(card ([0-9a-f-]{36})\)/i.exec(text);
  if (registered?.[1] && registered[2]) return { kind: 'registered', number: registered[1], cardId: registered[2] };
  const scanned = /^(\S+) was scanned already, in batch ([0-9a-f-]{36}) at (\S+)$/i.exec(text);
  if (scanned?.[1] && scanned[2] && scanned[3])
    return { kind: 'scanned', number: scanned[1], batchId: scanned[2], at: scanned[3] };
  const first = text.split(/\s/)[0] ?? '';
  return { kind: 'unknown', number: MANAGEMENT_NUMBER.test(first) ? first : null };
}

export function scanReducer(state: ScanState, action: ScanAction): ScanState {
  switch (action.type) {
    case 'started':
      return {
        ...INITIAL,
        batchId: action.batch.id,
        scans: [...action.batch.scans].reverse(),
        duplicates: action.duplicates ?? 0,
        errors: action.errors ?? 0,
      };
    case 'scanned':
      return {
        ...state,
        scans: [action.scan, ...state.scans.filter((s) => s.id !== action.scan.id)],
        outcome: { kind: 'ok', card: action.scan.card },
        seq: state.seq + 1,
      };
    case 'duplicate':
      return {
        ...state,
        duplicates: state.duplicates + 1,
        outcome: { kind: 'duplicate', where: duplicateWhere(action.detail) },
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

// The open batch survives a reload or a trip to another screen in this tab (not another
// tab: two clerks on one laptop each have their own), with its counts.
export const BATCH_KEY = 'madoguchi.staff.ledger.batch';

export interface StoredBatch {
  id: string;
  duplicates: number;
  errors: number;
}

export function readStoredBatch(text: string | null): StoredBatch | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object') return null;
    const { id, duplicates, errors } = value as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const count = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);
    return { id, duplicates: count(duplicates), errors: count(errors) };
  } catch {
    return null;
  }
}

export function storedBatch(state: ScanState): string | null {
  return state.batchId
    ? JSON.stringify({ id: state.batchId, duplicates: state.duplicates, errors: state.errors })
    : null;
}
