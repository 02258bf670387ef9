// A batch that takes no more cards, opened by its address (a bookmark, a duplicate's
// link, a reload): discarded (by whom, when, why: its cards must be read again),
// registered, or not found. Each offers a new batch.
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import type { ScanBatch } from './api';
import { formatDayTime, SYSTEM_USER } from './batches';
import { ledgerError } from './labels';

export function ClosedBatch({
  batch,
  refusal,
  onNew,
}: {
  /** Null when no such batch was found. */
  batch: ScanBatch | null;
  /** The refusal that found it closed while the clerk was scanning into it. */
  refusal: string | null;
  onNew: () => void;
}) {
  const heading = useId();
  const start = useRef<HTMLButtonElement>(null);
  // The scan field is gone: the way on takes the focus, so that the reader's next Enter does no harm elsewhere.
  useEffect(() => {
    start.current?.focus();
  }, [batch?.id]);

  let title: string;
  let body: string;
  if (batch?.state === 'discarded') {
    title = t('ledger.scan.discardedTitle');
    body = t('ledger.scan.discardedBody');
  } else if (batch?.state === 'registered') {
    title = t('ledger.scan.registeredTitle');
    body = t('ledger.scan.registeredBody', {
      at: batch.committed_at ? formatDayTime(batch.committed_at) : t('ledger.none'),
      count: batch.scans.length,
    });
  } else {
    title = t('ledger.scan.missingTitle');
    body = t('ledger.scan.missingBody');
  }
  const by = batch?.discarded_by;

  return (
    <section className="ledger-panel ledger-closed" aria-labelledby={heading}>
      {refusal && (
        <p className="ledger-alert" role="alert">
          {ledgerError(refusal)}
        </p>
      )}
      <h2 id={heading}>{title}</h2>
      <p>{body}</p>
      {batch && (
        <dl className="ledger-closed-facts" aria-label={t('ledger.scan.about')}>
          <dt>{t('ledger.scan.startedBy')}</dt>
          <dd>{batch.created_by}</dd>
          <dt>{t('ledger.scan.startedAt')}</dt>
          <dd>{formatDayTime(batch.created_at)}</dd>
          {batch.state === 'discarded' && (
            <>
              <dt>{t('ledger.scan.discardedBy')}</dt>
              <dd>{by === SYSTEM_USER ? t('ledger.batches.system') : (by ?? t('ledger.none'))}</dd>
              <dt>{t('ledger.scan.discardedAt')}</dt>
              <dd>{batch.discarded_at ? formatDayTime(batch.discarded_at) : t('ledger.none')}</dd>
              <dt>{t('ledger.scan.discardReason')}</dt>
              <dd className="ledger-pre">{batch.discard_reason || t('ledger.none')}</dd>
            </>
          )}
        </dl>
      )}
      <div className="ledger-actions">
        <button type="button" ref={start} onClick={onNew}>
          {t('ledger.scan.newBatch')}
        </button>
        {batch?.state === 'registered' && <Link to="/ledger/cards">{t('ledger.scan.commitSearch')}</Link>}
      </div>
    </section>
  );
}
