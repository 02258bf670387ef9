// Scanned カード発行一覧 pages read by the server: what each refused code is called in the
// clerk's words, how a file's outcome counts on the scan screen, and which sound it makes.
import { ja, type MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import type { ImageScanReport, RefusedCode } from './api';
import type { Signal } from './beep';
import { fieldLabel, ledgerError } from './labels';

/** The server's limit for one file (a dozen 600 dpi pages); larger ones are refused before sending. */
export const SCAN_FILE_LIMIT = 40 * 1024 * 1024;

/** What the file picker offers; the server reads these three and refuses the rest. */
export const SCAN_FILE_TYPES = 'image/png,image/jpeg,application/pdf';

export const DUPLICATE = 'ledger.duplicate_qr';

const REASONS: Record<string, MessageKey> = {
  [DUPLICATE]: 'ledger.image.reason.duplicate',
  'qr.undecodable': 'ledger.image.reason.undecodable',
  'qr.invalid': 'ledger.image.reason.invalid',
};

/**
 * The fields a `qr.invalid` refusal names. Its detail is `birth_date: …; sex: …` in
 * English; only the field names are kept, in Japanese, and those this screen cannot
 * name are left out.
 */
export function invalidFields(detail: string): string[] {
  const names: string[] = [];
  for (const part of detail.split(';')) {
    const field = /^\s*([a-z_]+):/.exec(part)?.[1];
    if (!field || !(`ledger.field.${field}` in ja)) continue;
    const label = fieldLabel(field);
    if (!names.includes(label)) names.push(label);
  }
  return names;
}

/** Why a code was refused: 重複 / 読み取れないコード / 内容の誤り (with the fields at fault), or the error's own message. */
export function refusalReason(refused: Pick<RefusedCode, 'code' | 'detail'>): string {
  const key = REASONS[refused.code];
  if (!key) return ledgerError(refused.code);
  if (refused.code === 'qr.invalid') {
    const fields = invalidFields(refused.detail);
    if (fields.length > 0) return t('ledger.image.reason.invalidFields', { fields: fields.join('、') });
  }
  return t(key);
}

/** One refused code as a line, its parts apart by ideographic spaces (U+3000): `1ページ目 E2E900001 重複`. */
export function refusalText(refused: RefusedCode): string {
  const reason = refusalReason(refused);
  return refused.management_number
    ? t('ledger.image.refusedLine', { page: refused.page, number: refused.management_number, reason })
    : t('ledger.image.refusedLineNoNumber', { page: refused.page, reason });
}

/** How a file's refusals add to the screen's counts, as typed scans do: duplicates apart, the rest as errors. */
export function refusalCounts(report: Pick<ImageScanReport, 'refused'>): { duplicates: number; errors: number } {
  const duplicates = report.refused.filter((r) => r.code === DUPLICATE).length;
  return { duplicates, errors: report.refused.length - duplicates };
}

/**
 * One sound per file, not one per code (a page holds dozens): the worst that happened,
 * so that a duplicate among twenty good cards is still heard.
 */
export function signalFor(report: Pick<ImageScanReport, 'added' | 'refused'>): Signal {
  const { duplicates, errors } = refusalCounts(report);
  if (duplicates > 0) return 'duplicate';
  if (errors > 0) return 'invalid';
  return report.added.length > 0 ? 'ok' : 'invalid';
}

/**
 * What became of one file of an upload. `onePage` is true for an image (PNG, JPEG): the
 * whole report is its page 1. A PDF's added scans do not say their page, so its counts
 * are the file's.
 */
export type FileOutcome = { name: string; report: ImageScanReport; onePage: boolean } | { name: string; error: string };

/** Whether a chosen file is one page (an image) rather than a PDF of several. */
export function isOnePage(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type !== 'application/pdf' && !/\.pdf$/i.test(file.name);
}

/** Codes seen on the page that could not be read: the server reports each, so none goes missing unsaid. */
export function unreadable(report: Pick<ImageScanReport, 'refused'>): RefusedCode[] {
  return report.refused.filter((r) => r.code === 'qr.undecodable');
}

/**
 * The summary of a file read, counted from the report: how many codes were seen, how many
 * were read, how many could not be (with what to do about it), how many joined the list:
 * `p1.png ページ1: コード10個のうち8個を読み取りました。2個は読み取れませんでした（もう一度まっすぐスキャンしてください）。8個を一覧に加えました。`
 */
export function fileSummary(outcome: FileOutcome): string {
  if ('error' in outcome) return t('ledger.image.fileFailed', { name: outcome.name, message: outcome.error });
  const { found, added, refused } = outcome.report;
  const missed = unreadable(outcome.report);
  const read = found - missed.length;
  const where = outcome.onePage ? t('ledger.image.onePage', { name: outcome.name }) : outcome.name;
  const parts = [
    missed.length === 0
      ? t('ledger.image.readAll', { where, found })
      : t('ledger.image.readSome', { where, found, read }),
  ];
  if (missed.length > 0) {
    // A PDF's missed codes say on which pages to scan again; an image is one page anyway.
    const pages = [...new Set(missed.map((r) => r.page))].sort((a, b) => a - b);
    parts.push(
      outcome.onePage
        ? t('ledger.image.unreadable', { count: missed.length })
        : t('ledger.image.unreadablePages', {
            count: missed.length,
            pages: pages.map((page) => t('ledger.image.page', { page })).join('・'),
          }),
    );
  }
  const skipped = refused.length - missed.length;
  parts.push(
    skipped > 0
      ? t('ledger.image.addedSome', { added: added.length, skipped })
      : t('ledger.image.added', { added: added.length }),
  );
  return parts.join('');
}
