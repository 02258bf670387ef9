import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { download } from '../../lib/download';
import { canAccess, EXPORTER } from '../../lib/roles';
import type { MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { formatDate, formatTime, todayInTokyo, tokyoDateOf } from '../../../../frontend-shared/dates/japan';
import {
  apiQuery,
  EMPTY_SEARCH,
  exportPath,
  pageCount,
  PER_PAGE,
  STATUSES,
  validateSearch,
  type Encoding,
  type ExportFormat,
  type FormError,
  type SearchForm,
} from './search';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PersonName } from '../../components/PersonName';
import { Phone } from '../../components/Phone';
import { useBookingSearch, useLocations, useProcedures } from './api';
import { downloadFailedTitle, downloadLabel, ExportChoice } from './ExportChoice';
import {
  bookingsError,
  downloadFailureText,
  FailureAlert,
  failureText,
  summaryOf,
  nameOf,
  optionLabel,
  StatusBadge,
  type ShownError,
} from './shared';

// The API's field names, their labels, and (for the error summary) their controls.
const FIELDS: Record<string, MessageKey> = {
  from: 'bookings.search.from',
  to: 'bookings.search.to',
  location_id: 'bookings.search.location',
  procedure_id: 'bookings.search.procedure',
  status: 'bookings.search.status',
  name: 'bookings.search.name',
  reception_number: 'bookings.search.receptionNumber',
  management_number: 'bookings.search.managementNumber',
  phone: 'bookings.search.phone',
  birth_date: 'bookings.search.birthDate',
  page: 'bookings.search.pages',
  per_page: 'bookings.search.pages',
};

interface Props {
  /** The search in the URL; `null` before the first search. */
  submitted: SearchForm | null;
  page: number;
  onSearch(form: SearchForm, page: number): void;
  onClear(): void;
}

export function SearchPanel({ submitted, page, onSearch, onClear }: Props) {
  const [form, setForm] = useState<SearchForm>(() => submitted ?? { ...EMPTY_SEARCH });
  const [formErrors, setFormErrors] = useState<FormError[]>([]);
  const [encoding, setEncoding] = useState<Encoding>('cp932');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const { user } = useSession();
  // The read-only viewer searches but does not take the results away (the API answers 403).
  const mayExport = user ? canAccess(user.roles, EXPORTER) : false;
  const locations = useLocations();
  const procedures = useProcedures();
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  // Back and forward through searches: the form shows the search on screen.
  const submittedKey = JSON.stringify(submitted);
  const [formFor, setFormFor] = useState(submittedKey);
  if (formFor !== submittedKey) {
    setFormFor(submittedKey);
    if (submitted) setForm(submitted);
  }

  const valid = submitted !== null && validateSearch(submitted).length === 0;
  const results = useBookingSearch(valid ? apiQuery(submitted) : null, page, PER_PAGE);

  useEffect(() => {
    if (focusResults.current && results.isSuccess) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [results.isSuccess, results.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validateSearch(form);
    setFormErrors(errors);
    setExportError(null);
    if (errors.length > 0) return;
    focusResults.current = true;
    onSearch(form, 1);
  }

  function clear() {
    setForm({ ...EMPTY_SEARCH });
    setFormErrors([]);
    setExportError(null);
    onClear();
  }

  async function exportList() {
    if (!submitted) return;
    setExporting(true);
    setExportError(null);
    try {
      await download(
        exportPath(submitted, encoding, format),
        `予約一覧_${todayInTokyo().replaceAll('-', '')}.${format}`,
      );
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  // Field errors: ours first; otherwise the server's answer to the search.
  const serverError = results.error instanceof ApiError ? results.error : null;
  const fieldErrors: FormError[] =
    formErrors.length > 0 ? formErrors : (serverError?.errors ?? []).map((e) => ({ field: e.field, code: e.code }));
  const shown: ShownError[] = fieldErrors.map((e) => ({
    field: e.field,
    label: FIELDS[e.field] ? t(FIELDS[e.field]!) : e.field,
    message: searchError(e),
    target:
      e.field === 'status'
        ? id('status-booked')
        : FIELDS[e.field] && !e.field.includes('page')
          ? id(e.field)
          : id('from'),
  }));
  const general =
    results.isError && fieldErrors.length === 0 && formErrors.length === 0 ? failureText(results.error) : null;
  const errorsOf = (field: string) => shown.filter((e) => e.field === field);
  const invalid = (field: string) => (errorsOf(field).length > 0 ? true : undefined);
  const fieldMessage = (field: string) =>
    errorsOf(field).map((e) => (
      <span key={e.message} className="field-error" id={id(`${field}-error`)}>
        {e.message}
      </span>
    ));
  const described = (field: string, hint?: string) =>
    [hint, errorsOf(field).length > 0 ? id(`${field}-error`) : undefined].filter(Boolean).join(' ') || undefined;
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const data = results.data;
  const pages = data ? pageCount(data.total, data.per_page) : 1;

  return (
    <div className="bookings-search">
      <h2>{t('bookings.search.title')}</h2>
      <ErrorSummary title={t('bookings.search.errorSummary')} {...summaryOf(shown, general)} general={general} />
      <form onSubmit={submit} noValidate className="bookings-search-form">
        <div className="bookings-search-grid">
          <div className="field">
            <label htmlFor={id('from')}>{t('bookings.search.from')}</label>
            <input
              id={id('from')}
              type="date"
              value={form.from}
              onChange={(e) => set('from', e.target.value)}
              aria-invalid={invalid('from')}
              aria-describedby={described('from', id('period-hint'))}
            />
            <span className="hint" id={id('period-hint')}>
              {t('bookings.search.periodHint')}
            </span>
            {fieldMessage('from')}
          </div>
          <div className="field">
            <label htmlFor={id('to')}>{t('bookings.search.to')}</label>
            <input
              id={id('to')}
              type="date"
              value={form.to}
              onChange={(e) => set('to', e.target.value)}
              aria-invalid={invalid('to')}
              aria-describedby={described('to')}
            />
            {fieldMessage('to')}
          </div>
          <div className="field">
            <label htmlFor={id('location_id')}>{t('bookings.search.location')}</label>
            <select
              id={id('location_id')}
              value={form.locationId}
              onChange={(e) => set('locationId', e.target.value)}
              aria-invalid={invalid('location_id')}
            >
              <option value="">{t('bookings.search.any')}</option>
              {locations.data?.map((l) => (
                <option key={l.id} value={l.id}>
                  {optionLabel(l)}
                </option>
              ))}
            </select>
            {fieldMessage('location_id')}
          </div>
          <div className="field">
            <label htmlFor={id('procedure_id')}>{t('bookings.search.procedure')}</label>
            <select
              id={id('procedure_id')}
              value={form.procedureId}
              onChange={(e) => set('procedureId', e.target.value)}
              aria-invalid={invalid('procedure_id')}
            >
              <option value="">{t('bookings.search.any')}</option>
              {procedures.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {optionLabel(p)}
                </option>
              ))}
            </select>
            {fieldMessage('procedure_id')}
          </div>
          <div className="field">
            <label htmlFor={id('name')}>{t('bookings.search.name')}</label>
            <input
              id={id('name')}
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              aria-describedby={described('name', id('name-hint'))}
              autoComplete="off"
            />
            <span className="hint" id={id('name-hint')}>
              {t('bookings.search.nameHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor={id('reception_number')}>{t('bookings.search.receptionNumber')}</label>
            <input
              id={id('reception_number')}
              value={form.receptionNumber}
              onChange={(e) => set('receptionNumber', e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={invalid('reception_number')}
              aria-describedby={described('reception_number', id('reception-hint'))}
            />
            <span className="hint" id={id('reception-hint')}>
              {t('bookings.search.receptionHint')}
            </span>
            {fieldMessage('reception_number')}
          </div>
          <div className="field">
            <label htmlFor={id('management_number')}>{t('bookings.search.managementNumber')}</label>
            <input
              id={id('management_number')}
              value={form.managementNumber}
              onChange={(e) => set('managementNumber', e.target.value)}
              autoComplete="off"
              aria-invalid={invalid('management_number')}
              aria-describedby={described('management_number')}
            />
            {fieldMessage('management_number')}
          </div>
          <div className="field">
            <label htmlFor={id('phone')}>{t('bookings.search.phone')}</label>
            <input
              id={id('phone')}
              value={form.phone}
              onChange={(e) => set('phone', e.target.value)}
              inputMode="tel"
              autoComplete="off"
              aria-invalid={invalid('phone')}
              aria-describedby={described('phone', id('phone-hint'))}
            />
            <span className="hint" id={id('phone-hint')}>
              {/* The example on one line: a number is never broken at a hyphen. */}
              {t('bookings.search.phoneHint')}
              <span className="bookings-nowrap">{t('bookings.search.phoneExample')}</span>
            </span>
            {fieldMessage('phone')}
          </div>
          <div className="field">
            <label htmlFor={id('birth_date')}>{t('bookings.search.birthDate')}</label>
            <input
              id={id('birth_date')}
              value={form.birthDate}
              onChange={(e) => set('birthDate', e.target.value)}
              autoComplete="off"
              aria-invalid={invalid('birth_date')}
              aria-describedby={described('birth_date', id('birth-hint'))}
            />
            <span className="hint" id={id('birth-hint')}>
              {t('bookings.search.birthDateHint')}
            </span>
            {fieldMessage('birth_date')}
          </div>
          <fieldset className="bookings-statuses" aria-describedby={id('status-hint')}>
            <legend>{t('bookings.search.status')}</legend>
            <span className="hint" id={id('status-hint')}>
              {t('bookings.search.statusHint')}
            </span>
            <div className="bookings-checks">
              {STATUSES.map((status) => (
                <label key={status} className="bookings-check">
                  <input
                    id={id(`status-${status}`)}
                    type="checkbox"
                    checked={form.statuses.includes(status)}
                    onChange={(e) =>
                      set(
                        'statuses',
                        e.target.checked
                          ? STATUSES.filter((s) => s === status || form.statuses.includes(s))
                          : form.statuses.filter((s) => s !== status),
                      )
                    }
                  />
                  {t(`bookings.status.${status}`)}
                </label>
              ))}
            </div>
            {fieldMessage('status')}
          </fieldset>
        </div>
        <div className="bookings-actions">
          <button type="submit">{t('bookings.search.submit')}</button>
          <button type="button" className="bookings-secondary" onClick={clear}>
            {t('bookings.search.clear')}
          </button>
        </div>
      </form>

      {!submitted && <p className="notice">{t('bookings.search.prompt')}</p>}
      {submitted && results.isFetching && !data && (
        <p role="status" className="bookings-loading">
          {t('bookings.search.searching')}
        </p>
      )}
      {submitted && data && (
        <section aria-labelledby={id('results')} className="bookings-results">
          <div className="bookings-results-head">
            <h2 id={id('results')} ref={resultsHeading} tabIndex={-1}>
              {t('bookings.search.results')}
              <span className="bookings-results-count" role="status">
                {data.total === 0
                  ? t('bookings.search.count', { total: 0 })
                  : t('bookings.search.range', {
                      total: data.total,
                      first: (data.page - 1) * data.per_page + 1,
                      last: Math.min(data.total, data.page * data.per_page),
                    })}
              </span>
            </h2>
            {mayExport && data.total > 0 && (
              <div className="bookings-csv">
                <ExportChoice
                  id={id('export')}
                  format={format}
                  encoding={encoding}
                  onFormat={setFormat}
                  onEncoding={setEncoding}
                >
                  <button
                    type="button"
                    className="bookings-secondary"
                    onClick={() => void exportList()}
                    disabled={exporting}
                  >
                    {downloadLabel(format, exporting)}
                  </button>
                </ExportChoice>
              </div>
            )}
          </div>
          {exportError !== null && (
            <FailureAlert title={downloadFailedTitle(format)} text={downloadFailureText(exportError)} />
          )}
          {data.total === 0 ? (
            <p className="notice">{t('bookings.search.none')}</p>
          ) : (
            <div className="bookings-table-wrap">
              <table className="bookings-table" aria-labelledby={id('results')}>
                <thead>
                  <tr>
                    <th scope="col">{t('bookings.column.when')}</th>
                    <th scope="col">{t('bookings.column.number')}</th>
                    <th scope="col">{t('bookings.column.names')}</th>
                    <th scope="col">{t('bookings.column.phone')}</th>
                    <th scope="col">{t('bookings.column.procedure')}</th>
                    <th scope="col">{t('bookings.column.location')}</th>
                    <th scope="col" className="bookings-num">
                      {t('bookings.column.places')}
                    </th>
                    <th scope="col">{t('bookings.column.status')}</th>
                    <th scope="col">{t('bookings.column.checkedIn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((b) => (
                    <tr
                      key={b.reception_number}
                      className={b.status === 'cancelled' ? 'bookings-cancelled' : undefined}
                    >
                      <td className="bookings-nowrap">
                        {formatDate(tokyoDateOf(b.start))}
                        <br />
                        {formatTime(b.start)}〜{formatTime(b.end)}
                      </td>
                      <th scope="row" className="bookings-nowrap">
                        <Link to={`/bookings/${b.reception_number}`}>{b.reception_number}</Link>
                      </th>
                      <td>
                        <Names applicants={b.applicants} />
                      </td>
                      <td>
                        <PhoneCell phone={b.phone} />
                      </td>
                      <td className="bookings-text">{nameOf(procedures.data, b.procedure_id)}</td>
                      <td className="bookings-nowrap">{nameOf(locations.data, b.location_id)}</td>
                      <td className="bookings-num">{b.places}</td>
                      <td>
                        <StatusBadge status={b.status} />
                      </td>
                      <td className="bookings-nowrap">{b.checked_in_at ? formatTime(b.checked_in_at) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="bookings-pager" aria-label={t('bookings.search.pages')}>
              <button
                type="button"
                className="bookings-secondary"
                disabled={page <= 1}
                onClick={() => onSearch(submitted, page - 1)}
              >
                {t('bookings.search.prev')}
              </button>
              <span>{t('bookings.search.page', { page, count: pages })}</span>
              <button
                type="button"
                className="bookings-secondary"
                disabled={page >= pages}
                onClick={() => onSearch(submitted, page + 1)}
              >
                {t('bookings.search.next')}
              </button>
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

/** A field's error in words: a birth date is not written as the period's dates are. */
function searchError(error: FormError): string {
  if (error.field === 'birth_date' && error.code.startsWith('validation.')) return t('bookings.error.birthDate');
  return bookingsError(error.code);
}

/** Each applicant's name with its reading beneath. */
export function Names({ applicants }: { applicants: { name?: string | null; name_kana?: string | null }[] }) {
  if (applicants.length === 0) return <span className="bookings-muted">{t('bookings.noName')}</span>;
  return (
    <ul className="bookings-names">
      {applicants.map((a, i) => (
        <li key={i}>
          {a.name ? <PersonName name={a.name} /> : t('bookings.noName')}
          {a.name_kana && (
            <span className="bookings-kana">
              <PersonName name={a.name_kana} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The booking's phone number, or a dash when the resident gave none (mail only). */
export function PhoneCell({ phone }: { phone?: string | null }) {
  return phone ? <Phone number={phone} /> : <span className="bookings-muted">—</span>;
}
