// ファイル取り込み: the 統合端末's issuance list, the legacy ledger or an address list,
// checked whole first (every bad line named, nothing changed), then applied.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import {
  useImportCards,
  useImportPeople,
  useLedgerSettings,
  type CardImportReport,
  type PeopleImportReport,
} from './api';
import { BadLines } from './BadLines';
import { BirthDate, FileField, OfficeNav, ResultHeading, useFileCheck } from './components';
import { ExpectedHeaders } from './ExpectedHeaders';
import { encodingLabel, statusLabel } from './labels';
import { PersonName } from '../../components/PersonName';
import './ledger-office.css';

const KINDS = ['issuance', 'legacy', 'people'] as const;
type Kind = (typeof KINDS)[number];
type Report = CardImportReport | PeopleImportReport;

function isCards(report: Report): report is CardImportReport {
  return 'cards' in report;
}

export function ImportsPage() {
  const [kind, setKind] = useState<Kind>('issuance');
  const settings = useLedgerSettings();
  const importCards = useImportCards();
  const importPeople = useImportPeople();
  const ids = { kind: useId(), file: useId() };
  const { outcome, setOutcome, busy, file, missingFile, fileInput, result, choose, run, reset } = useFileCheck<Report>(
    (bytes, dryRun) => (kind === 'people' ? importPeople(bytes, dryRun) : importCards(kind, bytes, dryRun)),
    { conflictMessage: t('ledgerOffice.imports.meanwhile') },
  );
  const mappings = settings.data?.column_mappings;
  const kindLabel = t(`ledgerOffice.imports.kind.${kind}`);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(true);
  }

  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.imports.title')}</h1>
      <p className="office-intro">{t('ledgerOffice.imports.intro')}</p>

      {outcome?.kind !== 'applied' && (
        <form onSubmit={submit} noValidate className="office-panel office-import-form">
          <fieldset className="office-choices">
            <legend>{t('ledgerOffice.imports.kind')}</legend>
            {KINDS.map((k) => (
              <div className="office-choice" key={k}>
                <input
                  type="radio"
                  id={`${ids.kind}-${k}`}
                  name="kind"
                  value={k}
                  checked={kind === k}
                  aria-describedby={`${ids.kind}-${k}-hint`}
                  onChange={() => {
                    setKind(k);
                    // The same file read as another kind answers differently.
                    setOutcome(null);
                  }}
                />
                <label htmlFor={`${ids.kind}-${k}`}>
                  {t(`ledgerOffice.imports.kind.${k}`)}
                  <span className="hint office-choice-hint" id={`${ids.kind}-${k}-hint`}>
                    {t(`ledgerOffice.imports.kind.${k}.hint`)}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <ExpectedHeaders
            kind={kind}
            mappings={mappings}
            title={t('ledgerOffice.imports.headers', { kind: kindLabel })}
          />
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
            kind={kind}
            mappings={mappings}
            fileName={file?.name ?? ''}
          />
        )}
        {outcome?.kind === 'bad' && <p className="hint">{t('ledgerOffice.bad.cannotApply')}</p>}
        {outcome?.kind === 'failed' && (
          <div className="error-summary" role="alert">
            <ResultHeading>{t('ledgerOffice.refused')}</ResultHeading>
            <p>{outcome.message}</p>
          </div>
        )}
        {outcome?.kind === 'preview' && (
          <>
            <ResultHeading>{t('ledgerOffice.imports.preview.title')}</ResultHeading>
            <p role="status" className="notice">
              {isCards(outcome.report)
                ? t('ledgerOffice.imports.preview.cards', {
                    file: file?.name ?? '',
                    encoding: encodingLabel(outcome.report.encoding),
                    count: outcome.report.cards,
                  })
                : t('ledgerOffice.imports.preview.people', {
                    file: file?.name ?? '',
                    encoding: encodingLabel(outcome.report.encoding),
                    count: outcome.report.people,
                  })}
            </p>
            <ReportDetails report={outcome.report} />
            <div className="office-actions">
              <button type="button" onClick={() => void run(false)} disabled={busy !== null}>
                {busy === 'applying' ? t('ledgerOffice.imports.applying') : t('ledgerOffice.imports.apply')}
              </button>
            </div>
          </>
        )}
        {outcome?.kind === 'applied' && (
          <>
            <ResultHeading>{t('ledgerOffice.imports.applied.title')}</ResultHeading>
            <p role="status" className="notice office-done">
              {isCards(outcome.report)
                ? t('ledgerOffice.imports.applied.cards', { count: outcome.report.cards })
                : t('ledgerOffice.imports.applied.people', {
                    count: outcome.report.people,
                    linked: outcome.report.cards_linked,
                  })}
            </p>
            <ReportDetails report={outcome.report} />
            <div className="office-actions">
              {isCards(outcome.report) && (
                <Link className="office-button" to="/ledger/cards">
                  {t('ledgerOffice.imports.toCards')}
                </Link>
              )}
              <button type="button" className="office-secondary" onClick={reset}>
                {t('ledgerOffice.again')}
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function ReportDetails({ report }: { report: Report }) {
  if (!isCards(report)) {
    return (
      <ul className="office-facts">
        <li>{t('ledgerOffice.imports.postal.filled', { count: report.postal_codes_filled })}</li>
        <li>
          {report.postal_codes_missing.length > 0
            ? t('ledgerOffice.imports.postal.missing', {
                count: report.postal_codes_missing.length,
                lines: report.postal_codes_missing.join('、'),
              })
            : t('ledgerOffice.imports.postal.noneMissing')}
        </li>
      </ul>
    );
  }
  return (
    <>
      {report.preview.length < report.cards && (
        <p className="hint">{t('ledgerOffice.imports.preview.first', { shown: report.preview.length })}</p>
      )}
      <table className="office-table office-table-fit">
        <caption className="office-visually-hidden">{t('ledgerOffice.imports.preview.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="office-num">
              {t('ledgerOffice.imports.col.line')}
            </th>
            <th scope="col">{t('ledgerOffice.imports.col.number')}</th>
            <th scope="col">{t('ledgerOffice.imports.col.name')}</th>
            <th scope="col">{t('ledgerOffice.imports.col.birth')}</th>
            <th scope="col">{t('ledgerOffice.imports.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {report.preview.map((card) => (
            <tr key={card.line}>
              <td className="office-num">{card.line}</td>
              <th scope="row" className="office-mono">
                {card.management_number}
              </th>
              <td>{card.name ? <PersonName name={card.name} /> : t('ledgerOffice.none')}</td>
              <td>
                <BirthDate date={card.birth_date} />
              </td>
              <td>{statusLabel(card.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
