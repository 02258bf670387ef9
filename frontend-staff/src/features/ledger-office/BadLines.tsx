// A refused file: a summary read out at once, then its faulty lines in a table. The
// server lists at most the first 1,000 faults of a file; when it has more, the summary
// says how many there are in all and that only the first are shown.
import type { FieldErrorBody } from '../../api/client';
import { t } from '../../i18n/t';
import type { ImportKind, Mappings } from './columns';
import { ResultHeading } from './components';
import { badLines, faultyLineCount } from './importErrors';

export function BadLines({
  errors,
  total,
  kind,
  mappings,
  fileName,
}: {
  errors: readonly FieldErrorBody[];
  /** How many faults the file has in all (`errors_total`); absent, `errors` lists every one. */
  total?: number | null;
  kind: ImportKind;
  mappings: Mappings | null | undefined;
  fileName: string;
}) {
  const lines = badLines(errors, kind, mappings);
  const partial = total != null && total > lines.length;
  return (
    <>
      <ResultHeading>{t('ledgerOffice.bad.title')}</ResultHeading>
      <div className="error-summary" role="alert">
        {partial ? (
          <>
            <p>{t('ledgerOffice.bad.summaryPartial', { file: fileName })}</p>
            <p className="office-bad-partial">
              {t('ledgerOffice.bad.partial', {
                total: total.toLocaleString('ja-JP'),
                shown: lines.length.toLocaleString('ja-JP'),
              })}
            </p>
          </>
        ) : (
          <p>{t('ledgerOffice.bad.summary', { file: fileName, count: lines.length, lines: faultyLineCount(lines) })}</p>
        )}
      </div>
      <table className="office-table office-table-fit">
        <caption className="office-visually-hidden">{t('ledgerOffice.bad.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="office-num">
              {t('ledgerOffice.bad.line')}
            </th>
            <th scope="col">{t('ledgerOffice.bad.column')}</th>
            <th scope="col">{t('ledgerOffice.bad.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((bad, index) => (
            <tr key={index}>
              <th scope="row" className="office-num">
                {bad.line ?? t('ledgerOffice.wholeFile')}
              </th>
              <td className="office-nowrap">{bad.column}</td>
              <td>{bad.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
