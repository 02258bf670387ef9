import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { problemMessage } from '../i18n/problems';

/** A failed request explained; takes focus so that it is read out at once. */
export function ProblemAlert({ error, children }: { error: ApiError; children?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [error]);
  return (
    <div ref={box} className="problem" role="alert" tabIndex={-1}>
      <p>{problemMessage(error)}</p>
      {children}
    </div>
  );
}
