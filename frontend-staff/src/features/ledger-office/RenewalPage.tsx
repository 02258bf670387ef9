// 電子証明書更新対象者の照合: J-LIS's renewal target list against the ledger. The dry
// run shows the four counts and every finding; applying flags each card met, which the
// card search can then filter on (`renewal_check`).
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import { useLedgerSettings, useReconcileRenewals, type ReconciliationReport } from './api';
import { BadLines } from './BadLines';
import { FileField, OfficeNav, ResultHeading, useFileCheck } from './components';
import { ExpectedHeaders } from './ExpectedHeaders';
import { filterFindings, flaggedCount, reasonText, VERDICTS, verdictLabel, type VerdictFilter } from './findings';
import { encodingLabel } from './labels';
import { cardPage, cardsWithRenewalCheck } from './links';
import './ledger-office.css';

export function RenewalPage() {
  const settings = useLedgerSettings();
  const reconcileRenewals = useReconcileRenewals();
  const ids = { file: useId() };
  const { outcome, busy, file, missingFile, fileInput, result, choose, run, reset } =
    useFileCheck<ReconciliationReport>((bytes, dryRun) => reconcileRenewals(bytes, dryRun));
  const mappings = settings.data?.column_mappings;

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(true);
  }

  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.renewal.title')}</h1>
      <p className="office-intro">{t('ledgerOffice.renewal.intro')}</p>

      {outcome?.kind !== 'applied' && (
        <form onSubmit={submit} noValidate className="office-panel office-import-form">
          <ExpectedHeaders kind="renewal" mappings={mappings} title={t('ledgerOffice.renewal.headers')} />
          <div className="office-file-row">
            <FileField
              id={ids.file}
              label={t('ledgerOffice.file.label')}
              hint={t('ledgerOffice.file.hint')}
              missing={missingFile}
              inputRef={fileInput}
              onChoose={choose}
              chosen={file}
            />
            <button type="submit" disabled={busy !== null}>
              {busy === 'checking' ? t('ledgerOffice.checking') : t('ledgerOffice.check')}
            </button>
          </div>
        </form>
      )}

      <div className="office-result" ref={result}>
        {outcome?.kind === 'bad' && (
          <BadLines
            errors={outcome.errors}
            total={outcome.total}
            kind="renewal"
            mappings={mappings}
            fileName={file?.name ?? ''}
          />
        )}
        {outcome?.kind === 'failed' && (
          <div className="error-summary" role="alert">
            <ResultHeading>{t('ledgerOffice.refused')}</ResultHeading>
            <p>{outcome.message}</p>
          </div>
        )}
        {(outcome?.kind === 'preview' || outcome?.kind === 'applied') && (
          <>
            <ResultHeading>{t('ledgerOffice.renewal.report')}</ResultHeading>
            <p role="status" className={outcome.kind === 'applied' ? 'notice office-done' : 'notice'}>
              {t('ledgerOffice.renewal.reportFor', {
                file: file?.name ?? '',
                encoding: encodingLabel(outcome.report.encoding),
                listed: outcome.report.listed,
              })}
              {outcome.kind === 'applied' && (
                <>
                  <br />
                  <strong>{t('ledgerOffice.renewal.applied', { count: flaggedCount(outcome.report) })}</strong>
                </>
              )}
            </p>
            <Tiles report={outcome.report} />
            {outcome.kind === 'preview' ? (
              <div className="office-actions">
                <button
                  type="button"
                  onClick={() => void run(false)}
                  disabled={busy !== null}
                  aria-describedby="renewal-apply-hint"
                >
                  {busy === 'applying' ? t('ledgerOffice.renewal.applying') : t('ledgerOffice.renewal.apply')}
                </button>
                <span className="hint" id="renewal-apply-hint">
                  {t('ledgerOffice.renewal.applyHint')}
                </span>
              </div>
            ) : (
              <div className="office-actions">
                <span>{t('ledgerOffice.renewal.search')}</span>
                {(['conflict', 'not_on_list', 'matched'] as const).map((verdict) => (
                  <Link key={verdict} to={cardsWithRenewalCheck(verdict)}>
                    {verdictLabel(verdict)}
                  </Link>
                ))}
                <button type="button" className="office-secondary" onClick={reset}>
                  {t('ledgerOffice.again')}
                </button>
              </div>
            )}
            <Findings report={outcome.report} />
          </>
        )}
      </div>
    </section>
  );
}

function Tiles({ report }: { report: ReconciliationReport }) {
  return (
    <ul className="office-tiles" aria-label={t('ledgerOffice.renewal.tiles')}>
      {VERDICTS.map((verdict) => (
        <li key={verdict} className={`office-tile office-tile-${verdict}`}>
          <span className="office-tile-label">{verdictLabel(verdict)}</span>
          <span className="office-tile-count">{report[verdict]}</span>
          <span className="office-tile-hint">{t(`ledgerOffice.renewal.tile.${verdict}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function Findings({ report }: { report: ReconciliationReport }) {
  // All at first: the server lists the problems first and the matches last.
  const [filter, setFilter] = useState<VerdictFilter>('all');
  const name = useId();
  const shown = filterFindings(report.findings, filter);
  const filterLabel =
    filter === 'all' ? t('ledgerOffice.renewal.filter.all', { count: report.findings.length }) : verdictLabel(filter);
  return (
    <>
      <fieldset className="office-filter">
        <legend>{t('ledgerOffice.renewal.filter')}</legend>
        {(['all', ...VERDICTS] as const).map((value) => (
          <span className="office-filter-option" key={value}>
            <input
              type="radio"
              id={`${name}-${value}`}
              name={name}
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            <label htmlFor={`${name}-${value}`}>
              {value === 'all'
                ? t('ledgerOffice.renewal.filter.all', { count: report.findings.length })
                : t('ledgerOffice.renewal.filter.one', { label: verdictLabel(value), count: report[value] })}
            </label>
          </span>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p role="status">{t('ledgerOffice.renewal.empty')}</p>
      ) : (
        <table className="office-table">
          <caption className="office-visually-hidden">
            {t('ledgerOffice.renewal.caption', { label: filterLabel })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('ledgerOffice.renewal.col.number')}</th>
              <th scope="col">{t('ledgerOffice.renewal.col.verdict')}</th>
              <th scope="col" className="office-num">
                {t('ledgerOffice.renewal.col.line')}
              </th>
              <th scope="col">{t('ledgerOffice.renewal.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((finding) => (
              <tr key={`${finding.management_number}-${finding.verdict}`}>
                <th scope="row" className="office-mono">
                  {finding.card_id ? (
                    <Link
                      to={cardPage(finding.card_id)}
                      aria-label={t('ledgerOffice.renewal.openCard', { number: finding.management_number })}
                    >
                      {finding.management_number}
                    </Link>
                  ) : (
                    finding.management_number
                  )}
                </th>
                <td>
                  <span className={`office-verdict office-verdict-${finding.verdict}`}>
                    {verdictLabel(finding.verdict)}
                  </span>
                </td>
                <td className="office-num">{finding.line ?? t('ledgerOffice.none')}</td>
                <td>{reasonText(finding)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
