// 読み取り中のバッチ: every open scan batch of the municipality (the clerk's own first),
// so that cards scanned and never registered (a reload, a session ended, a clerk gone
// home) can be reopened, registered or discarded instead of refusing every later scan.
import { useCallback, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useOpenBatches, useScanBatches, type OpenBatch, type ScanBatch } from './api';
import { formatDayTime, reasonProblem, sortOpenBatches } from './batches';
import { ConfirmDialog } from './components';
import { asApiError, problemMessage } from './labels';

/** The batch a dialog is about, as both the list and the scan screen know it. */
export interface BatchSummary {
  id: string;
  createdBy: string;
  createdAt: string;
  scans: number;
}

/** The discard reason's message beside its field, for what the clerk typed or the server said. */
function reasonMessage(code: string): string {
  return code === 'validation.too_long' ? t('ledger.batches.reasonTooLong') : t('ledger.batches.reasonMissing');
}

/**
 * 破棄: asks why (required, at most 200 characters; kept in the audit log), then discards.
 * The reason's problems, the clerk's or the server's, are shown on its field; a longer
 * reason is not cut short as typed (no maxlength), so that nothing is lost unsaid.
 */
export function DiscardDialog({
  batch,
  onDone,
  onCancel,
  returnFocus,
}: {
  batch: BatchSummary | null;
  onDone: (discarded: ScanBatch, cards: number) => void;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null;
}) {
  const batches = useScanBatches();
  const id = useId();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const focusField = useCallback(() => field.current, []);

  function close() {
    setReason('');
    setFieldError(undefined);
    setError(null);
  }

  async function confirm() {
    if (!batch) return;
    const problem = reasonProblem(reason);
    if (problem) {
      setFieldError(reasonMessage(problem));
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const discarded = await batches.discard(batch.id, reason.trim());
      close();
      onDone(discarded, batch.scans);
    } catch (e) {
      const refused = asApiError(e);
      const own = refused.errors.find((fe) => fe.field === 'reason');
      if (refused.status === 422 && own) {
        setFieldError(reasonMessage(own.code));
        field.current?.focus();
      } else setError(`${t('ledger.batches.discardFailed')} ${problemMessage(refused)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={batch !== null}
      title={t('ledger.batches.discardTitle')}
      confirmLabel={t('ledger.batches.discardConfirm')}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => {
        close();
        onCancel();
      }}
      initialFocus={focusField}
      returnFocus={returnFocus}
    >
      {batch && (
        <>
          <p>
            {t('ledger.batches.discardBody', {
              by: batch.createdBy,
              at: formatDayTime(batch.createdAt),
              count: batch.scans,
            })}
          </p>
          <Field id={id} label={t('ledger.batches.reason')} hint={t('ledger.batches.reasonHint')} error={fieldError}>
            {(props) => (
              // One line: Enter confirms, as in every question of the ledger.
              <input
                {...props}
                ref={field}
                autoComplete="off"
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (fieldError) setFieldError(undefined);
                }}
              />
            )}
          </Field>
        </>
      )}
    </ConfirmDialog>
  );
}

function summary(batch: OpenBatch): BatchSummary {
  return { id: batch.id, createdBy: batch.created_by, createdAt: batch.created_at, scans: batch.scans };
}

/**
 * The list, each batch with who started it, when, how many cards, its last scan and when
 * it will be discarded by itself, and 再開 / 登録 / 破棄.
 */
export function OpenBatches() {
  const list = useOpenBatches();
  const batches = useScanBatches();
  const ids = { heading: useId() };
  const [discarding, setDiscarding] = useState<BatchSummary | null>(null);
  const [registering, setRegistering] = useState<BatchSummary | null>(null);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const news = useRef<HTMLParagraphElement>(null);
  // The row a dialog came from is gone once it did its work: the news takes the focus.
  const toNews = useCallback(() => news.current, []);

  async function commit() {
    if (!registering) return;
    setCommitting(true);
    setCommitError(null);
    try {
      const answer = await batches.commit(registering.id);
      setDone(t('ledger.batches.committed', { count: answer.registered }));
      setRegistering(null);
    } catch (e) {
      setCommitError(`${t('ledger.scan.commitFailed')} ${problemMessage(e)}`);
      void list.refetch();
    } finally {
      setCommitting(false);
    }
  }

  const items = sortOpenBatches(list.data?.items ?? []);
  const who = (batch: OpenBatch) =>
    batch.mine ? t('ledger.batches.mine', { by: batch.created_by }) : batch.created_by;
  const named = (batch: OpenBatch) => ({ by: batch.created_by, at: formatDayTime(batch.created_at) });

  return (
    <section aria-labelledby={ids.heading} className="ledger-batches">
      <h2 id={ids.heading}>{t('ledger.batches.title')}</h2>
      <p className="hint">{t('ledger.batches.intro')}</p>
      <p role="status" tabIndex={-1} ref={news} className={done ? 'notice' : 'ledger-live'}>
        {done}
      </p>
      {list.isPending && <p className="ledger-muted">{t('ledger.loading')}</p>}
      {list.isError && (
        <p className="ledger-alert" role="alert">
          {t('ledger.batches.failed')}: {problemMessage(list.error)}
        </p>
      )}
      {list.data &&
        (items.length === 0 ? (
          <p className="ledger-muted">{t('ledger.batches.empty')}</p>
        ) : (
          <table className="ledger-table ledger-batch-table" aria-labelledby={ids.heading}>
            <thead>
              <tr>
                <th scope="col">{t('ledger.batches.col.by')}</th>
                <th scope="col">{t('ledger.batches.col.started')}</th>
                <th scope="col" className="ledger-num">
                  {t('ledger.batches.col.count')}
                </th>
                <th scope="col">{t('ledger.batches.col.touched')}</th>
                <th scope="col">{t('ledger.batches.col.expires')}</th>
                <th scope="col">{t('ledger.batches.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((batch) => (
                <tr key={batch.id} className={batch.mine ? 'ledger-batch-mine' : undefined}>
                  <th scope="row">{who(batch)}</th>
                  <td>{formatDayTime(batch.created_at)}</td>
                  <td className="ledger-num">{t('ledger.batches.count', { count: batch.scans })}</td>
                  <td>{formatDayTime(batch.touched_at)}</td>
                  <td>{t('ledger.batches.expires', { at: formatDayTime(batch.expires_at) })}</td>
                  <td>
                    <div className="ledger-row-actions">
                      <Link
                        to={`/ledger/scan/${batch.id}`}
                        className="ledger-button-link"
                        aria-label={t('ledger.batches.resumeLabel', named(batch))}
                      >
                        {t('ledger.batches.resume')}
                      </Link>
                      {batch.scans > 0 && (
                        <button
                          type="button"
                          className="ledger-small"
                          aria-label={t('ledger.batches.commitLabel', named(batch))}
                          onClick={() => {
                            setDone('');
                            setRegistering(summary(batch));
                          }}
                        >
                          {t('ledger.batches.commit')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="ledger-secondary ledger-small"
                        aria-label={t('ledger.batches.discardLabel', named(batch))}
                        onClick={() => {
                          setDone('');
                          setDiscarding(summary(batch));
                        }}
                      >
                        {t('ledger.batches.discard')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}

      <ConfirmDialog
        open={registering !== null}
        title={t('ledger.scan.commitTitle')}
        confirmLabel={t('ledger.scan.commitConfirm', { count: registering?.scans ?? 0 })}
        busy={committing}
        error={commitError}
        onConfirm={() => void commit()}
        onCancel={() => {
          setRegistering(null);
          setCommitError(null);
        }}
        returnFocus={done ? toNews : undefined}
      >
        <p>{t('ledger.scan.commitBody', { count: registering?.scans ?? 0 })}</p>
      </ConfirmDialog>
      <DiscardDialog
        batch={discarding}
        onDone={(_, cards) => {
          setDone(t('ledger.batches.discarded', { count: cards }));
          setDiscarding(null);
        }}
        onCancel={() => setDiscarding(null)}
        returnFocus={done ? toNews : undefined}
      />
    </section>
  );
}
