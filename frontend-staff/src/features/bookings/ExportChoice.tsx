// The file a booking list downloads as: CSV in Shift_JIS or UTF-8, or an Excel workbook.
// A CSV opened in Excel loses the leading 0 of phone and reception numbers; the
// workbook's cells are text, so they stay. The search and the day list offer the same.
import type { ReactNode } from 'react';
import { t } from '../../i18n/t';
import type { Encoding, ExportFormat } from './search';

interface Props {
  /** A prefix for the controls' ids. */
  id: string;
  format: ExportFormat;
  encoding: Encoding;
  onFormat(format: ExportFormat): void;
  onEncoding(encoding: Encoding): void;
  /** The download button, between the choices and the explanation. */
  children: ReactNode;
}

/** The format choice, the encoding (CSV only: a workbook has none), the button and why Excel is offered. */
export function ExportChoice({ id, format, encoding, onFormat, onEncoding, children }: Props) {
  const hint = `${id}-format-hint`;
  return (
    <>
      <label htmlFor={`${id}-format`} className="bookings-inline-label">
        {t('bookings.export.format')}
      </label>
      <select
        id={`${id}-format`}
        value={format}
        onChange={(e) => onFormat(e.target.value === 'xlsx' ? 'xlsx' : 'csv')}
        aria-describedby={hint}
      >
        <option value="csv">{t('bookings.export.csv')}</option>
        <option value="xlsx">{t('bookings.export.xlsx')}</option>
      </select>
      {format === 'csv' && (
        <>
          <label htmlFor={`${id}-encoding`} className="bookings-inline-label">
            {t('bookings.csv.encoding')}
          </label>
          <select
            id={`${id}-encoding`}
            value={encoding}
            onChange={(e) => onEncoding(e.target.value === 'utf-8' ? 'utf-8' : 'cp932')}
          >
            <option value="cp932">{t('bookings.csv.cp932')}</option>
            <option value="utf-8">{t('bookings.csv.utf8')}</option>
          </select>
        </>
      )}
      {children}
      <span id={hint} className="hint bookings-export-hint">
        {t('bookings.export.xlsxHint')}
      </span>
    </>
  );
}

/** The download button's words for the chosen format. */
export function downloadLabel(format: ExportFormat, busy: boolean): string {
  if (busy) return t('bookings.csv.downloading');
  return format === 'xlsx' ? t('bookings.xlsx.download') : t('bookings.csv.download');
}

/** The heading of a failed download. */
export function downloadFailedTitle(format: ExportFormat): string {
  return format === 'xlsx' ? t('bookings.xlsx.failed') : t('bookings.csv.failed');
}
