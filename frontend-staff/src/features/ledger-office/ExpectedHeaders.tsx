// The headers a file of one kind may carry, folded away until the clerk opens it.
import { t } from '../../i18n/t';
import { expectedHeaders, headerLine, type ImportKind, type Mappings } from './columns';

export function ExpectedHeaders({
  kind,
  title,
  mappings,
}: {
  kind: ImportKind;
  title: string;
  mappings: Mappings | null | undefined;
}) {
  const rows = expectedHeaders(kind, mappings);
  return (
    <details className="office-headers">
      <summary>{title}</summary>
      <p>{t('ledgerOffice.imports.headers.body')}</p>
      <p>
        <code className="office-header-line">{headerLine(kind, mappings)}</code>
      </p>
      <table className="office-table office-table-fit">
        <caption className="office-visually-hidden">{t('ledgerOffice.imports.headers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledgerOffice.imports.headers.header')}</th>
            <th scope="col">{t('ledgerOffice.imports.headers.key')}</th>
            <th scope="col">{t('ledgerOffice.imports.headers.required')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.header}
                {row.custom && (
                  <span className="office-muted">
                    {' '}
                    （{t('ledgerOffice.imports.headers.default', { header: row.defaultHeader })}）
                  </span>
                )}
              </th>
              <td>
                <code>{row.key}</code>
              </td>
              <td>{row.required ? <strong>{t('ledgerOffice.imports.headers.requiredMark')}</strong> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
