// CSV・Excel出力 of the current search: the columns the clerk picks, as CSV (CP932 for
// Excel by default) or as an Excel workbook, whose text cells keep the leading zeros a
// CSV opened in Excel loses.
import { useId, useState } from 'react';
import { t } from '../../i18n/t';
import { download } from '../../lib/download';
import { ApiError } from '../../../../frontend-shared/api/problem';
import {
  CSV_COLUMNS,
  DEFAULT_CSV_COLUMNS,
  exportPath,
  type CardFilter,
  type Encoding,
  type ExportFormat,
} from './filters';
import { fieldLabel, ledgerError, problemMessage } from './labels';

const COLUMNS_KEY = 'madoguchi.staff.ledger.csvColumns';

function storedColumns(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
    if (Array.isArray(value)) {
      const known = value.filter(
        (c): c is string => typeof c === 'string' && (CSV_COLUMNS as readonly string[]).includes(c),
      );
      if (known.length > 0) return known;
    }
  } catch {
    // fall through to the defaults
  }
  return [...DEFAULT_CSV_COLUMNS];
}

export function ExportPanel({ filter, total }: { filter: CardFilter; total: number | undefined }) {
  const ids = { format: useId(), formatHint: useId(), encoding: useId(), columns: useId() };
  const [columns, setColumns] = useState<string[]>(storedColumns);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [encoding, setEncoding] = useState<Encoding>('cp932');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function choose(next: string[]) {
    setColumns(next);
    // The clerk's choice stays for the next export on this laptop.
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  }

  async function run() {
    if (columns.length === 0) {
      setError(t('ledger.csv.noColumns'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await download(exportPath(filter, columns, encoding, format), `ledger_cards.${format}`);
    } catch (e) {
      // Too many cards for one Excel sheet is a field error on `format`.
      const field = e instanceof ApiError ? e.errors[0] : undefined;
      const failed = format === 'xlsx' ? t('ledger.xlsx.failed') : t('ledger.csv.failed');
      setError(`${failed}: ${field ? ledgerError(field.code) : problemMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="ledger-panel ledger-export">
      <summary>{t('ledger.csv.title')}</summary>
      {total !== undefined && <p className="hint">{t('ledger.csv.scope', { count: total })}</p>}
      <fieldset className="ledger-columns">
        <legend id={ids.columns}>{t('ledger.csv.columns')}</legend>
        <div className="ledger-columns-actions">
          <button type="button" className="ledger-secondary ledger-small" onClick={() => choose([...CSV_COLUMNS])}>
            {t('ledger.csv.allColumns')}
          </button>
          <button
            type="button"
            className="ledger-secondary ledger-small"
            onClick={() => choose([...DEFAULT_CSV_COLUMNS])}
          >
            {t('ledger.csv.defaultColumns')}
          </button>
        </div>
        <div className="ledger-columns-grid">
          {CSV_COLUMNS.map((column) => (
            <label key={column}>
              <input
                type="checkbox"
                checked={columns.includes(column)}
                onChange={(e) => choose(e.target.checked ? [...columns, column] : columns.filter((c) => c !== column))}
              />
              {fieldLabel(column)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="ledger-export-row">
        <div className="ledger-inline-field">
          <label htmlFor={ids.format}>{t('ledger.csv.format')}</label>
          <select
            id={ids.format}
            value={format}
            onChange={(e) => setFormat(e.target.value === 'xlsx' ? 'xlsx' : 'csv')}
            aria-describedby={ids.formatHint}
          >
            <option value="csv">{t('ledger.csv.formatCsv')}</option>
            <option value="xlsx">{t('ledger.csv.formatXlsx')}</option>
          </select>
        </div>
        {/* A workbook has no character encoding to choose. */}
        {format === 'csv' && (
          <div className="ledger-inline-field">
            <label htmlFor={ids.encoding}>{t('ledger.csv.encoding')}</label>
            <select
              id={ids.encoding}
              value={encoding}
              onChange={(e) => setEncoding(e.target.value === 'utf-8' ? 'utf-8' : 'cp932')}
            >
              <option value="cp932">{t('ledger.csv.cp932')}</option>
              <option value="utf-8">{t('ledger.csv.utf8')}</option>
            </select>
          </div>
        )}
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy
            ? t('ledger.csv.downloading')
            : format === 'xlsx'
              ? t('ledger.xlsx.download')
              : t('ledger.csv.download')}
        </button>
      </div>
      <p className="hint" id={ids.formatHint}>
        {t('ledger.csv.xlsxHint')}
      </p>
      {error && (
        <p className="ledger-alert" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
