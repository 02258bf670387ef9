import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../../../frontend-shared/api/problem';
import { problemMessage } from '../i18n/problems';
import { t } from '../i18n/t';
import { Furigana } from './Furigana';
import { Page } from './Page';

/** A failed request explained; takes focus so that it is read out at once. */
export function ProblemAlert({ error, children }: { error: ApiError; children?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [error]);
  return (
    <div ref={box} className="problem" role="alert" tabIndex={-1}>
      <p>
        <Furigana text={problemMessage(error)} />
      </p>
      {children}
    </div>
  );
}

/** A page that could not load what it needs: a heading, the reason, and a way to try again. */
export function ProblemPage({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <Page title={t('error.pageHeading')}>
      <ProblemAlert error={error}>
        {retry && (
          <button type="button" className="secondary" onClick={retry}>
            {t('offline.retry')}
          </button>
        )}
      </ProblemAlert>
    </Page>
  );
}
