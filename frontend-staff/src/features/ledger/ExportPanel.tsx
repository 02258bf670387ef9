// CSV出力 of the current search: the columns the clerk picks, in CP932 for Excel by default.
import { useId, useState } from 'react';
import { t } from '../../i18n/t';
import { download } from '../../lib/download';
import { CSV_COLUMNS, DEFAULT_CSV_COLUMNS, exportPath, type CardFilter, type Encoding } from './filters';
import { fieldLabel, problemMessage } from './labels';

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
  const ids = { encoding: useId(), columns: useId() };
  const [columns, setColumns] = useState<string[]>(storedColumns);
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
      await download(exportPath(filter, columns, encoding), 'ledger_cards.csv');
    } catch (e) {
      setError(`${t('ledger.csv.failed')}: ${problemMessage(e)}`);
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
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? t('ledger.csv.downloading') : t('ledger.csv.download')}
        </button>
      </div>
      {error && (
        <p className="ledger-alert" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
