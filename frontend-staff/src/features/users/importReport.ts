import type { components } from '../../api/schema';
import type { ApiError } from '../../api/client';
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
    .map((e) => ({ line: e.line ?? null, column: e.field === 'file' || e.field === '' ? t('users.column.file') : columnLabel(e.field), reason: usersError(e.code) }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export function summaryText(summary: ImportReport['summary']): string {
  return t('users.import.summary', { create: summary.create, update: summary.update, delete: summary.delete, unchanged: summary.unchanged });
}

export function encodingLabel(encoding: string): string {
  return encoding === 'cp932' ? t('users.import.encoding.cp932') : encoding === 'utf-8' ? t('users.import.encoding.utf-8') : encoding;
}

/**
 * The file with CR LF and lone CR line breaks turned into LF. The server numbers the
 * lines of a CR LF file (as Excel on Windows saves it) one too low, so the file is
 * sent with LF only: the same content, and the line numbers the clerk sees in an editor.
 * Safe in Shift_JIS too, whose second bytes are never CR or LF.
 */
export function withLfLineEndings(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0d) {
      out[length++] = 0x0a;
      if (bytes[i + 1] === 0x0a) i++;
    } else {
      out[length++] = byte;
    }
  }
  return out.slice(0, length);
}
