import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { Role } from '../../api/client';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { download } from '../../lib/download';
import { useUsers } from './api';
import { formatTokyoDate, ROLES, roleLabel, rolesLabel, usersError, userStateLabel, userStates } from './labels';
import { PersonName } from '../../components/PersonName';
import './users.css';

export type ExportFormat = 'csv' | 'xlsx';

/** The users as CSV in the chosen encoding, or as an Excel workbook (which has none). */
export function exportPath(format: ExportFormat, encoding: 'cp932' | 'utf-8'): string {
  return format === 'xlsx'
    ? '/api/v1/admin/users/export?format=xlsx'
    : `/api/v1/admin/users/export?encoding=${encoding}`;
}

const PER_PAGE = 50;

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

export function UserListPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;

  const [text, setText] = useState(q);
  const [roleChoice, setRoleChoice] = useState<string>(role ?? '');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [encoding, setEncoding] = useState<'cp932' | 'utf-8'>('cp932');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const ids = { q: useId(), role: useId(), format: useId(), formatHint: useId(), encoding: useId(), caption: useId() };

  const users = useUsers(q, role, page, PER_PAGE);

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (roleChoice) next.set('role', roleChoice);
    setParams(next);
  }

  function clear() {
    setText('');
    setRoleChoice('');
    setParams(new URLSearchParams());
  }

  function goTo(nextPage: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(nextPage));
    setParams(next);
  }

  async function exportUsers() {
    setExporting(true);
    setExportError(null);
    try {
      await download(exportPath(format, encoding), `staff_users.${format}`);
    } catch (e) {
      // Refused as a whole, or (too many rows for a sheet) as a field error on `format`.
      const field = e instanceof ApiError ? e.errors[0] : undefined;
      setExportError(
        usersError(field ? field.code : e instanceof ApiError ? (e.status === 0 ? 'network' : e.code) : 'generic'),
      );
    } finally {
      setExporting(false);
    }
  }

  const data = users.data;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;

  return (
    <section aria-labelledby="page-heading" className="users-page">
      <div className="users-title-row">
        <h1 id="page-heading">{t('users.list.title')}</h1>
        <div className="users-actions">
          <Link className="users-button" to="new">
            {t('users.list.new')}
          </Link>
          <Link className="users-button users-button-secondary" to="import">
            {t('users.list.import')}
          </Link>
        </div>
      </div>
      <p className="users-intro">{t('users.list.intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      <div className="users-toolbar">
        <form className="users-filter" onSubmit={search} role="search" aria-label={t('users.list.filter')}>
          <div className="users-inline-field">
            <label htmlFor={ids.q}>{t('users.list.filter.q')}</label>
            <input id={ids.q} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="users-inline-field">
            <label htmlFor={ids.role}>{t('users.list.filter.role')}</label>
            <select id={ids.role} value={roleChoice} onChange={(e) => setRoleChoice(e.target.value)}>
              <option value="">{t('users.list.filter.anyRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('users.list.filter.submit')}</button>
          {(q || role) && (
            <button type="button" className="users-button-secondary" onClick={clear}>
              {t('users.list.filter.clear')}
            </button>
          )}
        </form>
        <div className="users-export">
          <div className="users-inline-field">
            <label htmlFor={ids.format}>{t('users.list.format')}</label>
            <select
              id={ids.format}
              value={format}
              onChange={(e) => setFormat(e.target.value === 'xlsx' ? 'xlsx' : 'csv')}
              aria-describedby={ids.formatHint}
            >
              <option value="csv">{t('users.list.format.csv')}</option>
              <option value="xlsx">{t('users.list.format.xlsx')}</option>
            </select>
          </div>
          {/* A workbook has no character encoding to choose. */}
          {format === 'csv' && (
            <div className="users-inline-field">
              <label htmlFor={ids.encoding}>{t('users.list.encoding')}</label>
              <select
                id={ids.encoding}
                value={encoding}
                onChange={(e) => setEncoding(e.target.value === 'utf-8' ? 'utf-8' : 'cp932')}
              >
                <option value="cp932">{t('users.list.encoding.cp932')}</option>
                <option value="utf-8">{t('users.list.encoding.utf8')}</option>
              </select>
            </div>
          )}
          <button
            type="button"
            className="users-button-secondary"
            onClick={() => void exportUsers()}
            disabled={exporting}
          >
            {exporting
              ? t('users.list.exporting')
              : format === 'xlsx'
                ? t('users.list.export.xlsx')
                : t('users.list.export')}
          </button>
          <span className="hint users-export-hint" id={ids.formatHint}>
            {t('users.list.format.hint')}
          </span>
        </div>
      </div>
      {exportError && (
        <p className="users-alert" role="alert">
          {exportError}
        </p>
      )}

      {users.isPending ? (
        <p role="status">{t('users.list.loading')}</p>
      ) : users.isError ? (
        <p className="users-alert" role="alert">
          {usersError(
            users.error instanceof ApiError ? (users.error.status === 0 ? 'network' : users.error.code) : 'generic',
          )}
        </p>
      ) : data && data.items.length === 0 ? (
        <p role="status">{t('users.list.empty')}</p>
      ) : data ? (
        <>
          <p className="users-count" role="status" id={ids.caption}>
            {data.total > data.per_page
              ? t('users.list.range', {
                  total: data.total,
                  from: (data.page - 1) * data.per_page + 1,
                  to: (data.page - 1) * data.per_page + data.items.length,
                })
              : t('users.list.count', { total: data.total })}
          </p>
          <div className="users-table-wrap">
            <table className="users-table">
              <caption className="users-visually-hidden">{t('users.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.list.col.loginId')}</th>
                  <th scope="col">{t('users.list.col.name')}</th>
                  <th scope="col">{t('users.list.col.roles')}</th>
                  <th scope="col">{t('users.list.col.state')}</th>
                  <th scope="col">{t('users.list.col.passwordChanged')}</th>
                  <th scope="col">{t('users.list.col.updated')}</th>
                  <th scope="col">
                    <span className="users-visually-hidden">{t('users.list.edit')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row" className="users-login">
                      {user.login_id}
                    </th>
                    <td>
                      <PersonName name={user.name} />
                    </td>
                    <td className="users-roles">{rolesLabel(user.roles)}</td>
                    <td>
                      {userStates(user).map((state) => (
                        <span key={state} className={`users-state users-state-${state}`}>
                          {userStateLabel(state, user)}
                        </span>
                      ))}
                    </td>
                    <td>{formatTokyoDate(user.password_changed_at)}</td>
                    <td>{formatTokyoDate(user.updated_at)}</td>
                    <td className="users-edit">
                      <Link
                        to={user.id}
                        aria-label={t('users.list.editLabel', { name: user.name, login: user.login_id })}
                      >
                        {t('users.list.edit')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {lastPage > 1 && (
            <nav className="users-paging" aria-label={t('users.list.paging')}>
              <button
                type="button"
                className="users-button-secondary"
                disabled={page <= 1}
                onClick={() => goTo(page - 1)}
              >
                {t('users.list.prev')}
              </button>
              <span>
                {page} / {lastPage}
              </span>
              <button
                type="button"
                className="users-button-secondary"
                disabled={page >= lastPage}
                onClick={() => goTo(page + 1)}
              >
                {t('users.list.next')}
              </button>
            </nav>
          )}
        </>
      ) : null}
    </section>
  );
}
