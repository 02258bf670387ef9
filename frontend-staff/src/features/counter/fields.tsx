// Form pieces shared by the call-center screens: labelled inputs with their hint and
// error, and the error summary that links to each faulty field.
import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../../i18n/t';
import { fieldId } from './bookingForm';

export function RequirementTag({ required }: { required: boolean }) {
  return <span className={required ? 'counter-tag-required' : 'counter-tag-optional'}>{required ? t('counter.required') : t('counter.optional')}</span>;
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

export function TextField({ path, label, required, value, onChange, hint, error, autoComplete = 'off', inputMode, type = 'text', wide = false }: TextFieldProps) {
  const id = fieldId(path);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field counter-field${wide ? ' counter-field-wide' : ''}`}>
      <label htmlFor={id}>
        {label} <RequirementTag required={required} />
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} inputMode={inputMode} aria-required={required || undefined} aria-invalid={error ? true : undefined} aria-describedby={described} />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export interface SummaryItem {
  path: string;
  label: string;
  message: string;
}

/** The faults of a form, each a link to its field; takes the focus when it appears. */
export function ErrorSummary({ title, items, general, focusKey }: { title: string; items: SummaryItem[]; general?: string | null | undefined; focusKey: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) box.current?.focus();
  }, [focusKey]);
  if (items.length === 0 && !general) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{title}</h2>
      {general && <p>{general}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((item, index) => (
            <li key={`${item.path}-${index}`}>
              <a
                href={`#${fieldId(item.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldId(item.path))?.focus();
                }}
              >
                {item.label}: {item.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Fieldset({ legend, children, className = '' }: { legend: ReactNode; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`counter-fieldset ${className}`}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
