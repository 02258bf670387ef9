// 帳票の印刷: the day's 交付チェックリスト, for all counters or one, as a PDF in a new tab.
// (A card's 受領書 is printed from its details page.)
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { isIsoDate, todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { fetchChecklist, useLocations } from './api';
import { LedgerNav } from './components';
import { asApiError, fieldMessages, problemMessage } from './labels';
import { openPdf } from './pdfTab';
import { locationChoices } from './printing';
import './ledger.css';

export function PrintPage() {
  const ids = { date: useId(), location: useId(), section: useId() };
  const [date, setDate] = useState(todayInTokyo);
  const [locationId, setLocationId] = useState('');
  const [busy, setBusy] = useState(false);
  const [dateError, setDateError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dateInput = useRef<HTMLInputElement>(null);
  const locations = useLocations();

  async function open(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setNotice(null);
    if (!isIsoDate(date)) {
      setDateError(t('ledger.print.badDate'));
      dateInput.current?.focus();
      return;
    }
    setDateError(undefined);
    setBusy(true);
    try {
      const opened = await openPdf(() => fetchChecklist(date, locationId), `checklist-${date}.pdf`);
      if (opened === 'downloaded') setNotice(t('ledger.print.downloaded'));
    } catch (e) {
      const error = asApiError(e);
      const fieldError = fieldMessages(error)['date'];
      if (fieldError) {
        setDateError(fieldError);
        dateInput.current?.focus();
      } else setFailure(`${t('ledger.print.failed')}: ${problemMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="page-heading" className="ledger-page">
      <LedgerNav />
      <h1 id="page-heading">{t('ledger.print.title')}</h1>
      <p className="ledger-intro">{t('ledger.print.intro')}</p>

      <section className="ledger-panel ledger-print" aria-labelledby={ids.section}>
        <h2 id={ids.section}>{t('ledger.print.checklist')}</h2>
        <p className="hint">{t('ledger.print.checklistHint')}</p>
        <form onSubmit={(e) => void open(e)} noValidate className="ledger-print-form">
          <Field id={ids.date} label={t('ledger.print.date')} error={dateError} className="ledger-inline-field">
            {(props) => (
              <input
                {...props}
                ref={dateInput}
                type="date"
                value={date}
                required
                onChange={(e) => setDate(e.target.value)}
              />
            )}
          </Field>
          <Field id={ids.location} label={t('ledger.print.location')} error={undefined} className="ledger-inline-field">
            {(props) => (
              <select {...props} value={locationId} onChange={(e) => setLocationId(e.target.value)}>
                <option value="">{t('ledger.print.allLocations')}</option>
                {locationChoices(locations.data ?? []).map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {busy ? t('ledger.print.making') : t('ledger.print.open')}
          </button>
        </form>
        <div role="alert" className="ledger-live">
          {failure && <p className="ledger-alert">{failure}</p>}
          {locations.isError && <p className="ledger-alert">{t('ledger.print.locationsFailed')}</p>}
        </div>
        <div role="status" className="ledger-live">
          {notice && <p className="notice">{notice}</p>}
        </div>
      </section>

      <p className="hint">
        {t('ledger.print.receiptHint')} <Link to="/ledger/cards">{t('ledger.print.receiptSearch')}</Link>
      </p>
    </section>
  );
}
