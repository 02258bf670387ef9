import { useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { download } from '../../lib/download';
import { formatDateTime } from '../../../../frontend-shared/dates/japan';
import { useAuditLog } from './api';
import { actionGroups, actionLabel, auditError, isFailure, outcomeLabel, targetLabel } from './labels';
import './audit.css';

const PER_PAGE = 50;
const FILTERS = ['from', 'until', 'user', 'action'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function codeOf(error: unknown): string {
  if (!(error instanceof ApiError)) return 'generic';
  return error.status === 0 ? 'network' : error.code;
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
  const [encoding, setEncoding] = useState<'cp932' | 'utf-8'>('cp932');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const ids = {
    from: useId(),
    until: useId(),
    user: useId(),
    userHint: useId(),
    action: useId(),
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

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const query = filterQuery(applied);
      query.set('encoding', encoding);
      await download(`/api/v1/admin/audit-log/export?${query.toString()}`, 'audit_log.csv');
    } catch (e) {
      setExportError(auditError(codeOf(e)));
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
          <button
            type="button"
            className="audit-secondary"
            onClick={() => void exportCsv()}
            disabled={exporting}
            aria-describedby={ids.exportHint}
          >
            {exporting ? t('audit.exporting') : t('audit.export')}
          </button>
          <span className="hint audit-export-hint" id={ids.exportHint}>
            {t('audit.export.hint')}
          </span>
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
              </tr>
            </thead>
            <tbody>
              {data.items.map((record) => (
                <tr key={record.id}>
                  <th scope="row" className="audit-when">
                    <time dateTime={record.occurred_at}>{formatDateTime(record.occurred_at, true)}</time>
                  </th>
                  <td className="audit-mono">{record.actor_login_id}</td>
                  <td>
                    <span title={record.action}>{actionLabel(record.action)}</span>
                  </td>
                  <td className="audit-target">{targetLabel(record)}</td>
                  <td className="audit-mono">{record.client_ip ?? '—'}</td>
                  <td>
                    <span className={isFailure(record) ? 'audit-outcome audit-outcome-failed' : 'audit-outcome'}>
                      {outcomeLabel(record)}
                    </span>
                  </td>
                </tr>
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
