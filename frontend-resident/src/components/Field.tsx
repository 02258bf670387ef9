import { useId, type ReactNode } from 'react';
import { fieldMessage, type FieldFault } from '../i18n/problems';
import { t } from '../i18n/t';
import { Furigana } from './Furigana';

export interface FieldProps {
  /** The control's id, when other parts of the page link to it (an error summary). */
  id?: string;
  label: string;
  required: boolean;
  hint?: ReactNode;
  /** What is wrong (`validation.required`, …), said beside the field. */
  error?: FieldFault | undefined;
  /** Renders the control with the ids it must carry. */
  children: (control: {
    id: string;
    'aria-describedby': string;
    'aria-invalid': boolean;
    'aria-required': boolean;
  }) => ReactNode;
}

/** A labelled control with its hint and its error, both read out with the control. */
export function Field({ id: given, label, required, hint, error, children }: FieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="field-label">
        {/* One flex item, however the ふりがな splits the text. */}
        <span>
          <Furigana text={label} />
        </span>
        <span className={required ? 'badge badge-required' : 'badge'}>
          {required ? t('form.required') : t('form.optional')}
        </span>
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {typeof hint === 'string' ? <Furigana text={hint} /> : hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {fieldMessage(error)}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error), 'aria-required': required })}
    </div>
  );
}
