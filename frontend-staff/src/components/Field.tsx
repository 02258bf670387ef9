// A labelled control with its hint under the label and its error after it, tied
// together with aria-describedby and aria-invalid.
import type { ReactNode } from 'react';

/** Ids for a control, its hint and its error, and the attributes that tie them together. */
export function fieldProps(id: string, hint: boolean, error: string | undefined) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined } as const;
}

export type FieldControlProps = ReturnType<typeof fieldProps>;

/** `children` draws the control with the props it is given (id, aria-describedby, aria-invalid). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  children: (props: FieldControlProps) => ReactNode;
  className?: string;
}) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children(fieldProps(id, Boolean(hint), error))}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
