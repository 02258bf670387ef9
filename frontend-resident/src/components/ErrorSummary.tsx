import { forwardRef } from 'react';
import { fieldMessage, type FieldFault } from '../i18n/problems';
import { t } from '../i18n/t';
import { focusField } from '../lib/focus';
import { Furigana } from './Furigana';

export interface SummaryItem {
  /** The id of the control to jump to. */
  target: string;
  label: string;
  fault: FieldFault;
}

/** Every faulty field at the top of the form, each a link to its control. */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: SummaryItem[] }>(function ErrorSummary({ items }, ref) {
  if (items.length === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummary', { count: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.target}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(item.target);
              }}
            >
              <Furigana text={item.label} />：{fieldMessage(item.fault)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
});
