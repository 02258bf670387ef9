// A refused file's errors as the clerk reads them: the line, the column named as in
// their own file, and what is wrong in Japanese (with the offending cell when the
// server quoted it).
import type { FieldErrorBody } from '../../api/client';
import { t } from '../../i18n/t';
import { headerFor, type ImportKind, type Mappings } from './columns';
import { officeError } from './labels';

export interface BadLine {
  /** `null` when the problem concerns the whole file. */
  line: number | null;
  column: string;
  reason: string;
}

// Codes whose English message quotes the cell that was refused (`1980-13-01`).
const QUOTES_THE_CELL = new Set([
  'validation.date',
  'postal_code.invalid',
  'sex.invalid',
  'visit_method.invalid',
  'kind.invalid',
  'birth_date.invalid',
  'ledger.unknown_inspection_result',
]);

/** The first `quoted` part of a server message, if any. */
export function quotedValue(message: string): string | null {
  const match = /`([^`]*)`/.exec(message);
  return match ? (match[1] ?? null) : null;
}

function reasonOf(error: FieldErrorBody): string {
  const message = error.message ?? '';
  if (error.code === 'import.duplicate_row') {
    const match = /^(\S+) is on line (\d+) too/.exec(message);
    if (match) return t('ledgerOffice.bad.duplicateRow', { value: match[1] ?? '', line: match[2] ?? '' });
  }
  if (error.code === 'ledger.duplicate_qr') {
    const match = /^(\S+) is registered/.exec(message);
    if (match) return t('ledgerOffice.bad.registered', { value: match[1] ?? '' });
  }
  const text = officeError(error.code);
  const value = QUOTES_THE_CELL.has(error.code) ? quotedValue(message) : null;
  return value ? t('ledgerOffice.bad.value', { value, message: text }) : text;
}

/** The column as the clerk's file names it; the whole file for problems of no column. */
export function columnOf(field: string, kind: ImportKind, mappings?: Mappings | null): string {
  if (field === '' || field === 'file' || field === 'payload') return t('ledgerOffice.wholeFile');
  // The postal dictionary's code column (KEN_ALL has no header row to name it).
  if (field === 'code') return t('ledgerOffice.lookup.col.postal');
  return headerFor(kind, field, mappings);
}

/** Every error of a refused file, by line (whole-file problems first), in the server's order within a line. */
export function badLines(errors: readonly FieldErrorBody[], kind: ImportKind, mappings?: Mappings | null): BadLine[] {
  return errors
    .map((error, index) => ({
      index,
      bad: { line: error.line ?? null, column: columnOf(error.field, kind, mappings), reason: reasonOf(error) },
    }))
    .sort((a, b) => (a.bad.line ?? 0) - (b.bad.line ?? 0) || a.index - b.index)
    .map((entry) => entry.bad);
}

/** How many distinct lines are at fault. */
export function faultyLineCount(lines: readonly BadLine[]): number {
  return new Set(lines.map((l) => l.line ?? 0)).size;
}
