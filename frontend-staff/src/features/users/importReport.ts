import type { components } from '../../api/schema';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { columnLabel, usersError } from './labels';

export type ImportReport = components['schemas']['ImportReport'];

export interface BadLine {
  /** `null` when the problem concerns the whole file. */
  line: number | null;
  column: string;
  reason: string;
}

/** The bad lines of a refused file, by line number (whole-file problems first). */
export function badLines(error: ApiError): BadLine[] {
  return error.errors
    .map((e) => ({
      line: e.line ?? null,
      column: e.field === 'file' || e.field === '' ? t('users.column.file') : columnLabel(e.field),
      reason: usersError(e.code),
    }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export function summaryText(summary: ImportReport['summary']): string {
  return t('users.import.summary', {
    create: summary.create,
    update: summary.update,
    delete: summary.delete,
    unchanged: summary.unchanged,
  });
}

export function encodingLabel(encoding: string): string {
  return encoding === 'cp932'
    ? t('users.import.encoding.cp932')
    : encoding === 'utf-8'
      ? t('users.import.encoding.utf-8')
      : encoding;
}
