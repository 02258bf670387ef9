import { useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { download } from '../../lib/download';
import { useAuditLog } from './api';
import { changeLines, detailItems } from './detail';
import {
  actionGroups,
  actionLabel,
  actorLabel,
  auditError,
  describeTarget,
  isFailure,
  outcomeLabel,
  type AuditRecord,
} from './labels';
import { formatAuditTime } from './time';
import './audit.css';

const PER_PAGE = 50;
const FILTERS = ['from', 'until', 'user', 'action'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;
export type ExportFormat = 'csv' | 'xlsx';
export type Encoding = 'cp932' | 'utf-8';

function codeOf(error: unknown): string {
  if (!(error instanceof ApiError)) return 'generic';
  return error.status === 0 ? 'network' : error.code;
}

/** The export of the filtered log: CSV in the chosen encoding, or an Excel workbook (which has none). */
export function exportPath(filters: Filters, format: ExportFormat, encoding: Encoding): string {
  const query = filterQuery(filters);
  if (format === 'xlsx') query.set('format', 'xlsx');
  else query.set('encoding', encoding);
  return `/api/v1/admin/audit-log/export?${query.toString()}`;
}

/** The query string of the filters that are set. */
export function filterQuery(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
  return query;
}

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const applied: Filters = {
    from: params.get('from') ?? '',
    until: params.get('until') ?? '',
    user: params.get('user') ?? '',
    action: params.get('action') ?? '',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [form, setForm] = useState<Filters>(applied);
  const [reversed, setReversed] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [encoding, setEncoding] = useState<Encoding>('cp932');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const ids = {
    from: useId(),
    until: useId(),
    user: useId(),
    userHint: useId(),
    action: useId(),
    format: useId(),
    formatHint: useId(),
    encoding: useId(),
    exportHint: useId(),
  };
  const groups = useMemo(() => actionGroups(), []);

  const log = useAuditLog(applied, page, PER_PAGE);

  function search(event: FormEvent) {
    event.preventDefault();
    if (form.from && form.until && form.from > form.until) {
      setReversed(true);
      document.getElementById(ids.until)?.focus();
      return;
    }
    setReversed(false);
    setParams(filterQuery(form));
  }

  function clear() {
    const empty = { from: '', until: '', user: '', action: '' };
    setForm(empty);
    setReversed(false);
    setParams(new URLSearchParams());
  }

  function goTo(next: number) {
    const query = new URLSearchParams(params);
    query.set('page', String(next));
    setParams(query);
  }

  async function exportLog() {
    setExporting(true);
    setExportError(null);
    try {
      await download(exportPath(applied, format, encoding), `audit_log.${format}`);
    } catch (e) {
      // Too many lines for one Excel sheet comes back as a field error on `format`.
      const field = e instanceof ApiError ? e.errors[0] : undefined;
      setExportError(auditError(field ? field.code : codeOf(e)));
    } finally {
      setExporting(false);
    }
  }

  const serverErrors = log.error instanceof ApiError ? log.error.errors : [];
  const fieldError = (field: Filter): string | undefined => {
    if (field === 'until' && reversed) return t('audit.filter.reversed');
    const found = serverErrors.find((e) => e.field === field);
    return found ? auditError(found.code) : undefined;
  };
  const set = (name: Filter, value: string) => setForm((f) => ({ ...f, [name]: value }));
  const data = log.data;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;
  const filtered = FILTERS.some((name) => applied[name] !== '');

  const dateField = (name: 'from' | 'until', id: string) => {
    const error = fieldError(name);
    return (
      <div className="audit-field">
        <label htmlFor={id}>{t(name === 'from' ? 'audit.filter.from' : 'audit.filter.until')}</label>
        <input
          id={id}
          type="date"
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby="page-heading" className="audit-page">
      <h1 id="page-heading">{t('audit.title')}</h1>
      <p className="audit-intro">{t('audit.intro')}</p>

      <form className="audit-filter" onSubmit={search} noValidate role="search" aria-label={t('audit.filter')}>
        {dateField('from', ids.from)}
        {dateField('until', ids.until)}
        <div className="audit-field">
          <label htmlFor={ids.user}>{t('audit.filter.user')}</label>
          <input
            id={ids.user}
            value={form.user}
            onChange={(e) => set('user', e.target.value)}
            aria-describedby={ids.userHint}
            autoComplete="off"
            spellCheck={false}
          />
          <span className="hint" id={ids.userHint}>
            {t('audit.filter.user.hint')}
          </span>
        </div>
        <div className="audit-field">
          <label htmlFor={ids.action}>{t('audit.filter.action')}</label>
          <select id={ids.action} value={form.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">{t('audit.filter.anyAction')}</option>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.family && (
                  <option value={group.family}>{t('audit.filter.family', { area: group.label })}</option>
                )}
                {group.actions.map((action) => (
                  <option key={action} value={action}>
                    {actionLabel(action)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="audit-buttons">
          <button type="submit">{t('audit.filter.submit')}</button>
          {filtered && (
            <button type="button" className="audit-secondary" onClick={clear}>
              {t('audit.filter.clear')}
            </button>
          )}
        </div>
      </form>

      <div className="audit-toolbar">
        <p className="audit-count" role="status">
          {data && data.total > 0
            ? data.total > data.per_page
              ? t('audit.range', {
                  total: data.total,
                  from: (data.page - 1) * data.per_page + 1,
                  to: (data.page - 1) * data.per_page + data.items.length,
                })
              : t('audit.count', { total: data.total })
            : ''}
        </p>
        <div className="audit-export">
          <div className="audit-field">
            <label htmlFor={ids.format}>{t('audit.format')}</label>
            <select
              id={ids.format}
              value={format}
              onChange={(e) => setFormat(e.target.value === 'xlsx' ? 'xlsx' : 'csv')}
              aria-describedby={ids.formatHint}
            >
              <option value="csv">{t('audit.format.csv')}</option>
              <option value="xlsx">{t('audit.format.xlsx')}</option>
            </select>
          </div>
          {/* An Excel workbook has no character encoding to choose. */}
          {format === 'csv' && (
            <div className="audit-field">
              <label htmlFor={ids.encoding}>{t('audit.encoding')}</label>
              <select
                id={ids.encoding}
                value={encoding}
                onChange={(e) => setEncoding(e.target.value === 'utf-8' ? 'utf-8' : 'cp932')}
              >
                <option value="cp932">{t('audit.encoding.cp932')}</option>
                <option value="utf-8">{t('audit.encoding.utf8')}</option>
              </select>
            </div>
          )}
          <button
            type="button"
            className="audit-secondary"
            onClick={() => void exportLog()}
            disabled={exporting}
            aria-describedby={ids.exportHint}
          >
            {exporting ? t('audit.exporting') : format === 'xlsx' ? t('audit.export.xlsx') : t('audit.export')}
          </button>
          <div className="audit-export-hints">
            <span className="hint" id={ids.formatHint}>
              {t('audit.format.hint')}
            </span>
            <span className="hint" id={ids.exportHint}>
              {t('audit.export.hint')}
            </span>
          </div>
        </div>
      </div>
      {exportError && (
        <p className="audit-alert" role="alert">
          {exportError}
        </p>
      )}

      {log.isPending ? (
        <p role="status">{t('audit.loading')}</p>
      ) : log.isError ? (
        <p className="audit-alert" role="alert">
          {serverErrors.length > 0 ? auditError('validation.failed') : auditError(codeOf(log.error))}
        </p>
      ) : data && data.items.length === 0 ? (
        <p role="status">{t('audit.empty')}</p>
      ) : data ? (
        <>
          <table className="audit-table">
            <caption className="audit-visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.when')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.target')}</th>
                <th scope="col">{t('audit.col.address')}</th>
                <th scope="col">{t('audit.col.outcome')}</th>
                <th scope="col">{t('audit.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((record) => (
                <AuditRow key={record.id} record={record} />
              ))}
            </tbody>
          </table>
          {lastPage > 1 && (
            <nav className="audit-paging" aria-label={t('audit.paging')}>
              <button type="button" className="audit-secondary" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                {t('audit.prev')}
              </button>
              <span>
                {page} / {lastPage}
              </span>
              <button
                type="button"
                className="audit-secondary"
                disabled={page >= lastPage}
                onClick={() => goTo(page + 1)}
              >
                {t('audit.next')}
              </button>
            </nav>
          )}
        </>
      ) : null}
    </section>
  );
}

/** One line of the log: when, who, what, to what, from where, how it went, and what it changed. */
function AuditRow({ record }: { record: AuditRecord }) {
  const target = describeTarget(record);
  const changes = changeLines(record);
  const items = detailItems(record);
  return (
    <tr>
      <th scope="row" className="audit-when">
        <time dateTime={record.occurred_at}>{formatAuditTime(record.occurred_at)}</time>
      </th>
      <td className="audit-mono">{actorLabel(record)}</td>
      <td className="audit-action">
        <span title={record.action}>{actionLabel(record.action)}</span>
      </td>
      <td className="audit-target">
        <span title={[record.target_type, record.target_id].filter(Boolean).join(' ')}>{target.text}</span>
      </td>
      <td className="audit-mono audit-address">{record.client_ip ?? '—'}</td>
      <td>
        <span className={isFailure(record) ? 'audit-outcome audit-outcome-failed' : 'audit-outcome'}>
          {outcomeLabel(record)}
        </span>
      </td>
      <td className="audit-detail">
        {changes.length > 0 && (
          <ul className="audit-changes">
            {changes.map((line) => (
              <li key={line.field} title={line.full}>
                {/* Read as 「項目: before → after」 (changeText); each value kept whole on a line where it fits. */}
                {line.label}: <span className="audit-value">{line.from}</span> →{' '}
                <span className="audit-value">{line.to}</span>
              </li>
            ))}
          </ul>
        )}
        {items.length > 0 && (
          <dl className="audit-items">
            {items.map((item) => (
              <div key={item.field}>
                <dt>{item.label}</dt>
                <dd title={item.full}>{item.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {/* The codes as recorded, for whoever must match a line with the database or a CSV. */}
        <details className="audit-raw">
          <summary>{t('audit.raw')}</summary>
          <dl>
            <div>
              <dt>{t('audit.raw.action')}</dt>
              <dd>{record.action}</dd>
            </div>
            <div>
              <dt>{t('audit.raw.targetType')}</dt>
              <dd>{record.target_type}</dd>
            </div>
            <div>
              <dt>{t('audit.raw.targetId')}</dt>
              <dd>{record.target_id ?? t('audit.raw.none')}</dd>
            </div>
          </dl>
        </details>
      </td>
    </tr>
  );
}
