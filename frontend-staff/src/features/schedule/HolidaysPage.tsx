// 祝日と休業日: closures of every counter, and the Cabinet Office holiday list.
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import { FilePicker } from '../../components/FilePicker';
import { t } from '../../i18n/t';
import { asApiError, useAddClosure, useClosures, useImportHolidays, useRemoveClosure, type HolidayReport } from './api';
import { ListOf, OVERVIEW, Page, ProblemSummary, Saved } from './common';
import { formatDate } from '../../../../frontend-shared/dates/japan';
import { holidaysPerYear } from './logic';

export function HolidaysPage() {
  return (
    <Page
      title={t('schedule.holidays.title')}
      trail={[OVERVIEW, { to: '/settings/counters/holidays', label: t('schedule.holidays.title') }]}
    >
      <Closures />
      <HolidayImport />
    </Page>
  );
}

function Closures() {
  const closures = useClosures();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addClosure = useAddClosure();
  const removeClosure = useRemoveClosure();
  const ids = { heading: useId(), hint: useId(), date: useId(), reason: useId(), reasonHint: useId() };

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await action();
      setSaved(message);
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!date) {
      setError(
        new ApiError(422, 'validation.failed', undefined, [
          { field: 'date', code: 'validation.required', message: '' },
        ]),
      );
      return;
    }
    const ok = await run(
      () => addClosure.mutateAsync({ params: { path: { date } }, body: { reason: reason.trim() } }),
      t('schedule.holidays.closureAdded', { date: formatDate(date) }),
    );
    if (ok) {
      setDate('');
      setReason('');
    }
  }

  return (
    <section aria-labelledby={ids.heading} className="schedule-section">
      <h2 id={ids.heading}>{t('schedule.holidays.closures')}</h2>
      <p className="hint" id={ids.hint}>
        {t('schedule.holidays.closures.hint')}
      </p>
      {error && <ProblemSummary error={error} fieldIds={{ date: ids.date, reason: ids.reason }} />}
      <Saved text={saved} />
      <ListOf query={closures} empty={t('schedule.holidays.noClosures')}>
        {(items) => (
          <table className="schedule-table">
            <thead>
              <tr>
                <th scope="col">{t('schedule.holidays.date')}</th>
                <th scope="col">{t('schedule.holidays.reason')}</th>
                <th scope="col">
                  <span className="schedule-visually-hidden">{t('schedule.holidays.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.date}>
                  <th scope="row">{formatDate(c.date)}</th>
                  <td>{c.reason}</td>
                  <td>
                    <button
                      type="button"
                      className="schedule-secondary schedule-small"
                      disabled={busy}
                      aria-label={t('schedule.holidays.removeClosure', { date: formatDate(c.date) })}
                      onClick={() =>
                        void run(
                          () => removeClosure.mutateAsync({ params: { path: { date: c.date } } }),
                          t('schedule.holidays.closureRemoved', { date: formatDate(c.date) }),
                        )
                      }
                    >
                      {t('schedule.holidays.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOf>
      <form onSubmit={submit} noValidate className="schedule-inline schedule-closure-form">
        <div className="field">
          <label htmlFor={ids.date}>{t('schedule.holidays.date')}</label>
          <input
            id={ids.date}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={fieldErrors(error, 'date').length ? true : undefined}
          />
        </div>
        <div className="field schedule-grow">
          <label htmlFor={ids.reason}>{t('schedule.holidays.reason')}</label>
          <input
            id={ids.reason}
            value={reason}
            maxLength={200}
            placeholder={t('schedule.holidays.reason.hint')}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('schedule.holidays.addClosure')}
        </button>
      </form>
    </section>
  );
}

function HolidayImport() {
  const [file, setFile] = useState<File | null>(null);
  const [perYear, setPerYear] = useState<Map<number, number>>(new Map());
  const [report, setReport] = useState<HolidayReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const importHolidays = useImportHolidays();
  const input = useRef<HTMLInputElement>(null);
  const ids = { heading: useId(), file: useId(), hint: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setReport(null);
    if (!file) {
      setError(
        new ApiError(422, 'validation.failed', undefined, [
          { field: 'file', code: 'validation.required', message: '' },
        ]),
      );
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await importHolidays.send(file);
      setPerYear(holidaysPerYear(bytes));
      setReport(result);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={ids.heading} className="schedule-section">
      <h2 id={ids.heading}>{t('schedule.holidays.import')}</h2>
      <p>{t('schedule.holidays.import.hint')}</p>
      {error && (
        <ProblemSummary error={error} title={t('schedule.holidays.importFailed')} fieldIds={{ file: ids.file }} />
      )}
      {report && (
        <div className="notice" role="status">
          <p>
            {t('schedule.holidays.imported', {
              count: report.holidays,
              encoding: report.encoding === 'cp932' ? 'Shift_JIS' : 'UTF-8',
            })}
          </p>
          <table className="schedule-table schedule-narrow">
            <thead>
              <tr>
                <th scope="col">{t('schedule.holidays.year')}</th>
                <th scope="col">{t('schedule.holidays.count')}</th>
              </tr>
            </thead>
            <tbody>
              {report.years.map((year) => (
                <tr key={year}>
                  <th scope="row">{t('schedule.holidays.yearRow', { year })}</th>
                  <td className="schedule-number-cell">{perYear.get(year) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.file}>{t('schedule.holidays.file')}</label>
          <span id={ids.hint} className="hint">
            {t('schedule.holidays.file.hint')}
          </span>
          <FilePicker
            inputRef={input}
            id={ids.file}
            accept=".csv,text/csv"
            describedBy={ids.hint}
            invalid={error !== null}
            chosen={file ? [file.name] : []}
            onChoose={(files) => {
              setFile(files[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('schedule.holidays.uploading') : t('schedule.holidays.upload')}
        </button>
      </form>
    </section>
  );
}
