// Form pieces shared by the call-center screens: labelled inputs with their hint and
// error, and the lines of the error summary that link to each faulty field.
import type { ReactNode } from 'react';
import type { ErrorItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { fieldId, MAX_NOTES } from './bookingForm';

export function RequirementTag({ required }: { required: boolean }) {
  return (
    <span className={required ? 'counter-tag-required' : 'counter-tag-optional'}>
      {required ? t('counter.required') : t('counter.optional')}
    </span>
  );
}

interface TextFieldProps {
  path: string;
  label: string;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  type?: string;
  wide?: boolean;
}

export function TextField({
  path,
  label,
  required,
  value,
  onChange,
  hint,
  error,
  autoComplete = 'off',
  inputMode,
  type = 'text',
  wide = false,
}: TextFieldProps) {
  return (
    <Field
      id={fieldId(path)}
      label={
        <>
          {label} <RequirementTag required={required} />
        </>
      }
      hint={hint}
      error={error}
      className={`counter-field${wide ? ' counter-field-wide' : ''}`}
    >
      {(props) => (
        <input
          {...props}
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          inputMode={inputMode}
          aria-required={required || undefined}
        />
      )}
    </Field>
  );
}

/** The notes to the counter, with the count of their characters; `flagTooLong` marks the box invalid as soon as they are too long. */
export function NotesField({
  label,
  value,
  onChange,
  error,
  flagTooLong = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  flagTooLong?: boolean;
}) {
  const count = [...value].length;
  return (
    <Field
      id={fieldId('notes')}
      label={
        <>
          {label} <RequirementTag required={false} />
        </>
      }
      hint={t('counter.new.notes.hint', { max: MAX_NOTES, count })}
      error={error}
      className="counter-field"
    >
      {(props) => (
        <textarea
          {...props}
          aria-invalid={props['aria-invalid'] ?? (flagTooLong && count > MAX_NOTES ? true : undefined)}
          className="counter-textarea"
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A line of the error summary: the field's label and the message, linked to the field. */
export function summaryItem(path: string, label: string, message: string): ErrorItem {
  return { target: fieldId(path), text: `${label}: ${message}` };
}

export function Fieldset({
  legend,
  children,
  className = '',
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={`counter-fieldset ${className}`}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
