// スキャン登録: a keyboard-wedge reader types each QR payload into one big field and
// presses Enter. Built for piles of cards: the field is emptied at once and keeps the
// focus, payloads typed while the server answers wait in a queue, and each outcome
// flashes, is read out and beeps, so that the clerk can keep eyes on the cards.
// Scanned pages of the カード発行一覧 (PNG, JPEG, PDF) can be sent instead: the server
// reads their codes into the same batch.
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { formatDateTime, formatTime } from '../../../../frontend-shared/dates/japan';
import { useScanBatches, type ImageScanReport, type Scan } from './api';
import { beep, SOUND_KEY, soundWanted } from './beep';
import { BirthDate, ConfirmDialog, LedgerNav } from './components';
import { SCAN_FILE_LIMIT, signalFor, type FileOutcome } from './imageScan';
import { ImageScanPanel, useImageScan } from './ImageScanPanel';
import { asApiError, fieldErrorText, kindLabel, ledgerError, problemMessage, visitLabel } from './labels';
import {
  BATCH_KEY,
  duplicateScanId,
  INITIAL,
  readStoredBatch,
  scanReducer,
  storedBatch,
  type Outcome,
  type ScanState,
} from './scanSession';
import './ledger.css';

export function ScanPage() {
  const [state, dispatch] = useReducer(scanReducer, INITIAL);
  const stateRef = useRef<ScanState>(state);
  const input = useRef<HTMLInputElement>(null);
  const queue = useRef<string[]>([]);
  const working = useRef(false);
  const started = useRef(false);
  const batches = useScanBatches();
  const ids = { field: useId(), hint: useId(), sound: useId(), list: useId() };
  const [text, setText] = useState('');
  const [waiting, setWaiting] = useState(0);
  const [startError, setStartError] = useState<string | null>(null);
  const [resumed, setResumed] = useState(0);
  const [sound, setSound] = useState(() => soundWanted(localStorage.getItem(SOUND_KEY)));
  const [notice, setNotice] = useState('');
  const [committed, setCommitted] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const soundRef = useRef(sound);
  // The latest state and sound choice for the async queue, after every render.
  useLayoutEffect(() => {
    stateRef.current = state;
    soundRef.current = sound;
  });

  /** Back to the field, unless the clerk has clicked into something else meanwhile. */
  const refocus = useCallback(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active === input.current) input.current?.focus();
  }, []);

  const start = useCallback(async () => {
    setStartError(null);
    try {
      const stored = readStoredBatch(sessionStorage.getItem(BATCH_KEY));
      if (stored) {
        try {
          const batch = await batches.read(stored.id);
          if (!batch.committed_at) {
            dispatch({ type: 'started', batch, duplicates: stored.duplicates, errors: stored.errors });
            setResumed(batch.scans.length);
            return;
          }
        } catch (e) {
          // A batch gone (another tenant's id, a wiped database) just means a fresh start.
          if (!(e instanceof ApiError && e.status === 404)) throw e;
        }
      }
      dispatch({ type: 'started', batch: await batches.start() });
    } catch (e) {
      setStartError(problemMessage(e));
    }
  }, [batches]);

  useEffect(() => {
    // Once per visit (React's development double effects would start two batches).
    if (started.current) return;
    started.current = true;
    void start();
  }, [start]);

  // A reader types into whatever has the focus: when that is nothing (the clerk clicked
  // a blank part of the page), its keys go to the scan field rather than being lost.
  useEffect(() => {
    function redirect(event: KeyboardEvent) {
      const target = event.target;
      const idle = target === document.body || (target instanceof HTMLElement && target.id === 'main');
      if (idle && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) input.current?.focus();
    }
    document.addEventListener('keydown', redirect, true);
    return () => document.removeEventListener('keydown', redirect, true);
  }, []);

  useEffect(() => {
    const stored = storedBatch(state);
    if (stored) sessionStorage.setItem(BATCH_KEY, stored);
  }, [state]);

  const signal = useCallback((outcome: Outcome['kind']) => {
    if (soundRef.current) beep(outcome);
  }, []);

  async function send(payload: string, retried = false): Promise<void> {
    const batchId = stateRef.current.batchId;
    if (!batchId) return;
    try {
      const scan = await batches.scan(batchId, payload);
      dispatch({ type: 'scanned', scan });
      signal('ok');
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'ledger.duplicate_qr') {
        dispatch({ type: 'duplicate', detail: error.detail });
        signal('duplicate');
      } else if (error.status === 422 && error.errors.length > 0) {
        dispatch({ type: 'invalid', errors: error.errors, payload: payload.trim() });
        signal('invalid');
      } else if (!retried && (error.code === 'ledger.batch_committed' || error.code === 'ledger.batch_not_found')) {
        // Registered or gone from another tab: carry on in a new batch with this card.
        const batch = await batches.start().catch(() => null);
        if (batch) {
          dispatch({ type: 'started', batch });
          stateRef.current = { ...stateRef.current, batchId: batch.id };
          return send(payload, true);
        }
        dispatch({ type: 'failed', code: error.code });
        signal('failed');
      } else {
        dispatch({ type: 'failed', code: error.status === 0 ? 'network' : error.code });
        signal('failed');
      }
    }
  }

  /** Sends a page file into the batch, carrying on in a new batch when this one was registered meanwhile. */
  async function uploadImage(file: File, retried = false): Promise<ImageScanReport> {
    const batchId = stateRef.current.batchId;
    if (!batchId) throw new ApiError(404, 'ledger.batch_not_found');
    try {
      return await batches.images(batchId, file);
    } catch (e) {
      const error = asApiError(e);
      if (retried || (error.code !== 'ledger.batch_committed' && error.code !== 'ledger.batch_not_found')) throw error;
      const batch = await batches.start();
      dispatch({ type: 'started', batch });
      stateRef.current = { ...stateRef.current, batchId: batch.id };
      return uploadImage(file, true);
    }
  }

  async function readFile(file: File): Promise<FileOutcome> {
    setNotice('');
    setCommitted(null);
    if (file.size > SCAN_FILE_LIMIT) {
      signal('failed');
      return { name: file.name, error: t('ledger.image.tooLarge') };
    }
    try {
      const report = await uploadImage(file);
      dispatch({ type: 'imagesRead', report });
      signal(signalFor(report));
      return { name: file.name, report };
    } catch (e) {
      signal('failed');
      return { name: file.name, error: problemMessage(e) };
    }
  }

  // Back to the scan field after an upload, wherever the focus is: the file button has
  // done its job, and the reader's next code must not land in it.
  const images = useImageScan(readFile, () => input.current?.focus());

  async function drain() {
    // Payloads typed before the batch is ready wait for it (see the effect below).
    if (working.current || !stateRef.current.batchId) return;
    working.current = true;
    try {
      for (let payload = queue.current.shift(); payload !== undefined; payload = queue.current.shift()) {
        setWaiting(queue.current.length + 1);
        await send(payload);
      }
    } finally {
      working.current = false;
      setWaiting(0);
      refocus();
    }
  }

  // Only when a batch becomes ready: drain() reads the latest state through refs.
  const drainWaiting = useEffectEvent(() => {
    if (queue.current.length > 0) void drain();
  });
  useEffect(() => {
    if (state.batchId) drainWaiting();
  }, [state.batchId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const payload = input.current?.value ?? text;
    setText('');
    if (!payload.trim()) return;
    setNotice('');
    setCommitted(null);
    queue.current.push(payload);
    void drain();
  }

  async function remove(scan: Scan) {
    const batchId = state.batchId;
    if (!batchId) return;
    setRemoveError(null);
    try {
      await batches.removeScan(batchId, scan.id);
      dispatch({ type: 'removed', scanId: scan.id });
      setNotice(t('ledger.scan.removed', { number: scan.card.management_number }));
    } catch (e) {
      setRemoveError(`${t('ledger.scan.removeFailed')}: ${problemMessage(e)}`);
    }
    input.current?.focus();
  }

  async function commit() {
    const batchId = state.batchId;
    if (!batchId) return;
    setCommitting(true);
    setCommitError(null);
    try {
      const done = await batches.commit(batchId);
      sessionStorage.removeItem(BATCH_KEY);
      dispatch({ type: 'started', batch: await batches.start() });
      setResumed(0);
      images.clear();
      setCommitted(done.registered);
      setConfirming(false);
    } catch (e) {
      const error = asApiError(e);
      const general = `${t('ledger.scan.commitFailed')} ${problemMessage(error)}`;
      const details = error.errors.map((fe) =>
        fieldErrorText(fe.field.startsWith('scans.') ? 'scans' : fe.field, fe.code),
      );
      setCommitError([general, ...details].join(' '));
    } finally {
      setCommitting(false);
    }
  }

  const count = state.scans.length;
  const outcome = state.outcome;
  const marked = duplicateScanId(state);
  const flash = outcome ? `ledger-flash-${outcome.kind}-${state.seq % 2}` : '';
  const ready = state.batchId !== null;

  return (
    <section aria-labelledby="page-heading" className="ledger-page">
      <LedgerNav />
      <h1 id="page-heading">{t('ledger.scan.title')}</h1>
      <p className="ledger-intro">{t('ledger.scan.intro')}</p>

      {startError && (
        <div className="ledger-alert-box" role="alert">
          <p>
            {t('ledger.scan.startFailed')}: {startError}
          </p>
          <button type="button" onClick={() => void start()}>
            {t('ledger.scan.retry')}
          </button>
        </div>
      )}
      {resumed > 0 && committed === null && <p className="notice">{t('ledger.scan.resumed', { count: resumed })}</p>}

      <div className="ledger-scan-layout">
        <div className="ledger-scan-main">
          <form onSubmit={submit} noValidate className={`ledger-scan-form ${flash}`}>
            <label htmlFor={ids.field} className="ledger-big-label">
              {t('ledger.scan.field')}
            </label>
            <span id={ids.hint} className="hint">
              {t('ledger.scan.fieldHint')}
            </span>
            <input
              id={ids.field}
              ref={input}
              className="ledger-scan-input"
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus
              aria-describedby={ids.hint}
            />
            {!ready && !startError && (
              <p className="hint" role="status">
                {t('ledger.scan.starting')}
              </p>
            )}
            {waiting > 0 && <p className="hint">{t('ledger.scan.sending', { count: waiting })}</p>}
          </form>

          {/* Live regions stay in the page so that what lands in them is read out. */}
          <div role="status" className="ledger-live">
            {outcome?.kind === 'ok' && (
              <div key={state.seq} className="ledger-outcome ledger-outcome-ok">
                <p className="ledger-outcome-title">
                  {t('ledger.scan.ok', { number: outcome.card.management_number, name: outcome.card.name ?? '' })}
                </p>
                <p>
                  <BirthDate date={outcome.card.birth_date} inline />
                  {'\u3000'}
                  {kindLabel(outcome.card.kind)}
                  {'\u3000'}
                  {visitLabel(outcome.card.visit_method)}
                </p>
              </div>
            )}
            {notice && <p className="ledger-muted">{notice}</p>}
            {committed !== null && (
              <div className="ledger-outcome ledger-outcome-ok">
                <p className="ledger-outcome-title">{t('ledger.scan.commitDone', { count: committed })}</p>
                <p>
                  <Link to="/ledger/cards">{t('ledger.scan.commitSearch')}</Link>
                </p>
              </div>
            )}
          </div>
          <div role="alert" className="ledger-live">
            {outcome && outcome.kind !== 'ok' && (
              <Problem key={state.seq} outcome={outcome} batchId={state.batchId} scans={state.scans} />
            )}
            {removeError && <p className="ledger-alert">{removeError}</p>}
          </div>

          <ImageScanPanel ready={ready} scan={images} />
        </div>

        <div className="ledger-scan-side">
          <ul className="ledger-counts" aria-label={t('ledger.scan.counts')}>
            <li className="ledger-count-read">{t('ledger.scan.countRead', { count })}</li>
            <li className={state.duplicates > 0 ? 'ledger-count-bad' : undefined}>
              {t('ledger.scan.countDuplicate', { count: state.duplicates })}
            </li>
            <li className={state.errors > 0 ? 'ledger-count-bad' : undefined}>
              {t('ledger.scan.countError', { count: state.errors })}
            </li>
          </ul>
          <button
            type="button"
            className="ledger-commit"
            disabled={count === 0 || committing || images.busy}
            onClick={() => setConfirming(true)}
          >
            {t('ledger.scan.commit', { count })}
          </button>
          <div className="ledger-check">
            <input
              id={ids.sound}
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                setSound(e.target.checked);
                localStorage.setItem(SOUND_KEY, e.target.checked ? 'on' : 'off');
              }}
            />
            <label htmlFor={ids.sound}>{t('ledger.scan.sound')}</label>
          </div>
        </div>
      </div>

      <h2 id={ids.list}>{t('ledger.scan.list')}</h2>
      {count === 0 ? (
        <p className="ledger-muted">{t('ledger.scan.empty')}</p>
      ) : (
        <table className="ledger-table" aria-labelledby={ids.list}>
          <thead>
            <tr>
              <th scope="col" className="ledger-num">
                {t('ledger.scan.col.order')}
              </th>
              <th scope="col">{t('ledger.scan.col.number')}</th>
              <th scope="col">{t('ledger.scan.col.name')}</th>
              <th scope="col">{t('ledger.scan.col.birth')}</th>
              <th scope="col">{t('ledger.scan.col.kind')}</th>
              <th scope="col">{t('ledger.scan.col.visit')}</th>
              <th scope="col">
                <span className="ledger-visually-hidden">{t('ledger.scan.col.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.scans.map((scan, index) => (
              <tr
                key={scan.id}
                className={
                  scan.id === marked
                    ? 'ledger-row-marked'
                    : index === 0 && outcome?.kind === 'ok'
                      ? 'ledger-row-new'
                      : undefined
                }
              >
                <td className="ledger-num">{count - index}</td>
                <th scope="row" className="ledger-mono">
                  {scan.card.management_number}
                </th>
                <td>{scan.card.name ?? <span className="ledger-muted">{t('ledger.scan.noName')}</span>}</td>
                <td>
                  <BirthDate date={scan.card.birth_date} inline />
                </td>
                <td>{kindLabel(scan.card.kind)}</td>
                <td>{visitLabel(scan.card.visit_method)}</td>
                <td>
                  <button
                    type="button"
                    className="ledger-secondary ledger-small"
                    onClick={() => void remove(scan)}
                    aria-label={t('ledger.scan.removeLabel', { number: scan.card.management_number })}
                  >
                    {t('ledger.scan.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <ConfirmDialog
        open={confirming}
        title={t('ledger.scan.commitTitle')}
        confirmLabel={t('ledger.scan.commitConfirm', { count })}
        busy={committing}
        error={commitError}
        onConfirm={() => void commit()}
        onCancel={() => {
          setConfirming(false);
          setCommitError(null);
        }}
        returnFocus={() => input.current}
      >
        <p>{t('ledger.scan.commitBody', { count })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** A scan refused: a duplicate (where it was met), a payload not read (each faulty field), or no answer. */
function Problem({
  outcome,
  batchId,
  scans,
}: {
  outcome: Exclude<Outcome, { kind: 'ok' }>;
  batchId: string | null;
  scans: Scan[];
}) {
  if (outcome.kind === 'duplicate') {
    const where = outcome.where;
    let body: string;
    if (where.kind === 'registered') body = t('ledger.scan.duplicate.registered');
    else if (where.kind === 'scanned' && where.batchId === batchId) {
      const earlier = scans.find((s) => s.card.management_number === where.number);
      body = t('ledger.scan.duplicate.thisBatch', { time: formatTime(earlier?.scanned_at ?? where.at) });
    } else if (where.kind === 'scanned') body = t('ledger.scan.duplicate.otherBatch', { at: formatDateTime(where.at) });
    else body = t('ledger.scan.duplicate.unknown');
    return (
      <div className="ledger-outcome ledger-outcome-duplicate">
        <p className="ledger-outcome-title">
          {where.number
            ? t('ledger.scan.duplicateTitle', { number: where.number })
            : t('ledger.scan.duplicateUnknownTitle')}
        </p>
        <p>{body}</p>
        {where.kind === 'registered' && (
          <p>
            <Link to={`/ledger/cards/${where.cardId}`}>{t('ledger.scan.duplicate.open')}</Link>
          </p>
        )}
      </div>
    );
  }
  if (outcome.kind === 'invalid') {
    return (
      <div className="ledger-outcome ledger-outcome-invalid">
        <p className="ledger-outcome-title">{t('ledger.scan.invalidTitle')}</p>
        <ul>
          {outcome.errors.map((e, i) => (
            <li key={`${e.field}-${i}`}>{fieldErrorText(e.field, e.code)}</li>
          ))}
        </ul>
        <p className="ledger-raw">
          {t('ledger.scan.invalidRaw', {
            payload: outcome.payload.length > 200 ? `${outcome.payload.slice(0, 200)}…` : outcome.payload,
          })}
        </p>
      </div>
    );
  }
  return (
    <div className="ledger-outcome ledger-outcome-invalid">
      <p className="ledger-outcome-title">{t('ledger.scan.failedTitle')}</p>
      <p>{ledgerError(outcome.code)}</p>
    </div>
  );
}
