// The box at the top of a form that says what went wrong, with a link to each faulty
// field. Every screen uses this one, each with its own wording.
import { useEffect, useRef, type ReactNode } from 'react';

export interface ErrorItem {
  /** The id of the control to move to, when the message belongs to one. */
  target?: string | undefined;
  text: string;
}

/** Moves the keyboard focus to the control with this id (a link's click, without changing the address). */
function focusControl(event: { preventDefault: () => void }, id: string) {
  event.preventDefault();
  document.getElementById(id)?.focus();
}

/**
 * role=alert, so that it is read out. Focus moves to it each time `focusKey` changes to
 * a truthy value (an attempt counter, the error itself…), so that the keyboard user
 * starts again from there. Nothing is drawn when there is nothing to say.
 */
export function ErrorSummary({
  title,
  items = [],
  general,
  lead,
  focusKey,
  className,
  listClassName,
  children,
}: {
  title: ReactNode;
  items?: readonly ErrorItem[];
  /** A problem that belongs to no field. */
  general?: string | null | undefined;
  /** Drawn between the heading and the general problem. */
  lead?: ReactNode;
  focusKey: unknown;
  className?: string;
  listClassName?: string;
  /** Drawn after the list (a button, a table…). */
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey) box.current?.focus();
  }, [focusKey]);
  if (items.length === 0 && !general && !children) return null;
  return (
    <div className={className ? `error-summary ${className}` : 'error-summary'} role="alert" tabIndex={-1} ref={box}>
      <h2>{title}</h2>
      {lead}
      {general && <p>{general}</p>}
      {items.length > 0 && (
        <ul className={listClassName}>
          {items.map((item, index) => (
            <li key={`${item.target ?? ''}-${index}`}>
              {item.target ? (
                <a href={`#${item.target}`} onClick={(event) => focusControl(event, item.target!)}>
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
