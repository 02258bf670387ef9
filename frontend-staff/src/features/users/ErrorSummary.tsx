import { useEffect, useRef, type ReactNode } from 'react';

export interface SummaryItem {
  /** The id of the control to jump to, when the message belongs to one. */
  target?: string;
  text: string;
}

/**
 * The box at the top of a form that says what went wrong, with a link to each faulty
 * field. Focus moves to it each time `attempt` changes, so that it is read out and the
 * keyboard user starts again from there.
 */
export function ErrorSummary({ title, items, attempt, children }: { title: string; items: SummaryItem[]; attempt: number; children?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) box.current?.focus();
  }, [attempt]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{title}</h2>
      {items.length > 0 && (
        <ul className="users-error-list">
          {items.map((item, index) =>
            item.target ? (
              <li key={index}>
                <a
                  href={`#${item.target}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(item.target!)?.focus();
                  }}
                >
                  {item.text}
                </a>
              </li>
            ) : (
              <li key={index}>{item.text}</li>
            ),
          )}
        </ul>
      )}
      {children}
    </div>
  );
}
