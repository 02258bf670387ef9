import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { FilePicker } from '../../components/FilePicker';
import { t } from '../../i18n/t';
import { badLines, encodingLabel, summaryText, type BadLine, type ImportReport } from './importReport';
import { useImportUsers } from './api';
import { importActionLabel, usersError } from './labels';
import './users.css';

interface ChosenFile {
  name: string;
  /** Read once when chosen, so that what is applied is exactly what was checked. */
  bytes: Uint8Array;
}

type Outcome =
  | { kind: 'preview'; report: ImportReport }
  | { kind: 'bad'; lines: BadLine[] }
  | { kind: 'failed'; message: string }
  | { kind: 'applied'; report: ImportReport };

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ApiError && error.errors.length > 0) return { kind: 'bad', lines: badLines(error) };
  if (error instanceof ApiError)
    return {
      kind: 'failed',
      message: usersError(error.status === 0 ? 'network' : error.status === 413 ? 'payload_too_large' : error.code),
    };
  return { kind: 'failed', message: usersError('generic') };
}

const LAYOUT: { column: string; headers: string; content: Parameters<typeof t>[0] }[] = [
  { column: 'action', headers: 'action / 操作', content: 'users.import.layout.action' },
  { column: 'login_id', headers: 'login_id / ログインID', content: 'users.import.layout.loginId' },
  { column: 'name', headers: 'name / 氏名', content: 'users.import.layout.name' },
  { column: 'roles', headers: 'roles / 権限', content: 'users.import.layout.roles' },
  { column: 'password', headers: 'password / パスワード', content: 'users.import.layout.password' },
  { column: 'disabled', headers: 'disabled / 無効', content: 'users.import.layout.disabled' },
];

export function UserImportPage() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'checking' | 'applying' | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const importUsers = useImportUsers();
  const ids = { file: useId(), hint: useId(), fileError: useId(), result: useId(), layout: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const focusResult = () => result.current?.querySelector<HTMLElement>('h2')?.focus();

  // Each answer is announced and focused, so that the keyboard user continues from it.
  useEffect(() => {
    if (attempt > 0) focusResult();
  }, [attempt]);

  async function choose(list: readonly File[]) {
    setOutcome(null);
    setMissingFile(false);
    const chosen = list[0];
    setFile(chosen ? { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) } : null);
  }

  async function run(dryRun: boolean) {
    if (!file) {
      setMissingFile(true);
      fileInput.current?.focus();
      return;
    }
    setBusy(dryRun ? 'checking' : 'applying');
    try {
      const report = await importUsers.send(file.bytes, dryRun);
      setOutcome(dryRun ? { kind: 'preview', report } : { kind: 'applied', report });
    } catch (e) {
      setOutcome(outcomeOf(e));
    } finally {
      setBusy(null);
      setAttempt((a) => a + 1);
    }
  }

  function check(event: FormEvent) {
    event.preventDefault();
    void run(true);
  }

  function again() {
    setFile(null);
    setOutcome(null);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  }

  const applied = outcome?.kind === 'applied';
  return (
    <section aria-labelledby="page-heading" className="users-page">
      <p className="users-back">
        <Link to="/users">{t('users.form.back')}</Link>
      </p>
      <h1 id="page-heading">{t('users.import.title')}</h1>
      <p className="users-intro">{t('users.import.intro')}</p>

      <details className="users-layout">
        <summary>{t('users.import.layout')}</summary>
        <p>{t('users.import.layout.body')}</p>
        <p>
          <code>action,login_id,name,roles,password,disabled</code>
        </p>
        <table className="users-table users-table-compact">
          <thead>
            <tr>
              <th scope="col">{t('users.import.layout.colName')}</th>
              <th scope="col">{t('users.import.layout.colContent')}</th>
            </tr>
          </thead>
          <tbody>
            {LAYOUT.map((row) => (
              <tr key={row.column}>
                <th scope="row">
                  <code>{row.headers}</code>
                </th>
                <td>{t(row.content)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      {!applied && (
        <form onSubmit={check} noValidate className="users-import-form">
          <div className="field">
            <label htmlFor={ids.file}>{t('users.import.file')}</label>
            <span className="hint" id={ids.hint}>
              {t('users.import.file.hint')}
            </span>
            <FilePicker
              inputRef={fileInput}
              id={ids.file}
              accept=".csv,text/csv"
              onChoose={(files) => void choose(files)}
              chosen={file ? [file.name] : []}
              describedBy={missingFile ? `${ids.hint} ${ids.fileError}` : ids.hint}
              invalid={missingFile}
            />
            {missingFile && (
              <span className="field-error" id={ids.fileError} role="alert">
                {t('users.import.noFile')}
              </span>
            )}
          </div>
          <button type="submit" disabled={busy !== null}>
            {busy === 'checking' ? t('users.import.checking') : t('users.import.check')}
          </button>
        </form>
      )}

      {outcome && (
        <div className="users-result" ref={result}>
          {outcome.kind === 'preview' && (
            <>
              <h2 id={ids.result} tabIndex={-1}>
                {t('users.import.previewTitle')}
              </h2>
              <p role="status" className="notice">
                {t('users.import.previewOk', {
                  file: file?.name ?? '',
                  encoding: encodingLabel(outcome.report.encoding),
                })}
                <br />
                <strong>{summaryText(outcome.report.summary)}</strong>
              </p>
              <ImportRows report={outcome.report} />
              <div className="users-form-actions">
                <button type="button" onClick={() => void run(false)} disabled={busy !== null}>
                  {busy === 'applying' ? t('users.import.applying') : t('users.import.apply')}
                </button>
              </div>
            </>
          )}
          {outcome.kind === 'bad' && (
            <>
              <h2 id={ids.result} tabIndex={-1}>
                {t('users.import.badTitle')}
              </h2>
              <div className="error-summary" role="alert">
                <p>{t('users.import.bad', { file: file?.name ?? '', count: outcome.lines.length })}</p>
              </div>
              <table className="users-table users-table-fit">
                <caption className="users-visually-hidden">{t('users.import.badCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="users-num">
                      {t('users.import.col.line')}
                    </th>
                    <th scope="col">{t('users.import.col.column')}</th>
                    <th scope="col">{t('users.import.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.lines.map((bad, index) => (
                    <tr key={index}>
                      <th scope="row" className="users-num">
                        {bad.line ?? t('users.import.wholeFile')}
                      </th>
                      <td>{bad.column}</td>
                      <td>{bad.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="users-form-actions">
                <button type="button" disabled aria-describedby={`${ids.result}-why`}>
                  {t('users.import.apply')}
                </button>
                <span className="hint" id={`${ids.result}-why`}>
                  {t('users.import.cannotApply')}
                </span>
              </div>
            </>
          )}
          {outcome.kind === 'failed' && (
            <div className="error-summary" role="alert">
              <h2 id={ids.result} tabIndex={-1}>
                {t('users.form.refused')}
              </h2>
              <p>{outcome.message}</p>
            </div>
          )}
          {outcome.kind === 'applied' && (
            <>
              <h2 id={ids.result} tabIndex={-1}>
                {t('users.import.appliedTitle')}
              </h2>
              <p role="status" className="notice">
                <strong>{t('users.import.applied', { summary: summaryText(outcome.report.summary) })}</strong>
              </p>
              <ImportRows report={outcome.report} />
              <div className="users-form-actions">
                <Link className="users-button" to="/users">
                  {t('users.import.toList')}
                </Link>
                <button type="button" className="users-button-secondary" onClick={again}>
                  {t('users.import.again')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function ImportRows({ report }: { report: ImportReport }) {
  return (
    <table className="users-table users-table-fit">
      <caption className="users-visually-hidden">{t('users.import.rowsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="users-num">
            {t('users.import.col.line')}
          </th>
          <th scope="col">{t('users.import.col.action')}</th>
          <th scope="col">{t('users.import.col.loginId')}</th>
          <th scope="col">{t('users.import.col.password')}</th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row) => (
          <tr key={row.line} className={`users-import-${row.action}`}>
            <th scope="row" className="users-num">
              {row.line}
            </th>
            <td>
              <span className={`users-action users-action-${row.action}`}>{importActionLabel(row.action)}</span>
            </td>
            <td className="users-login">{row.login_id}</td>
            <td>{row.sets_password ? t('users.import.setsPassword') : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
