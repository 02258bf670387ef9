// A refused file: a summary read out at once, then every faulty line in a table.
import type { FieldErrorBody } from '../../api/client';
import { t } from '../../i18n/t';
import type { ImportKind, Mappings } from './columns';
import { ResultHeading } from './components';
import { badLines, faultyLineCount } from './importErrors';

export function BadLines({
  errors,
  kind,
  mappings,
  fileName,
}: {
  errors: readonly FieldErrorBody[];
  kind: ImportKind;
  mappings: Mappings | null | undefined;
  fileName: string;
}) {
  const lines = badLines(errors, kind, mappings);
  return (
    <>
      <ResultHeading>{t('ledgerOffice.bad.title')}</ResultHeading>
      <div className="error-summary" role="alert">
        <p>{t('ledgerOffice.bad.summary', { file: fileName, count: lines.length, lines: faultyLineCount(lines) })}</p>
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
