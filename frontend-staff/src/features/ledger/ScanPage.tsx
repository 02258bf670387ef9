// スキャン登録: a keyboard-wedge reader types each QR payload into one big field and
// presses Enter. Built for piles of cards: the field is emptied at once and keeps the
// focus, payloads typed while the server answers wait in a queue, and each outcome
// flashes, is read out and beeps, so that the clerk can keep eyes on the cards.
// Scanned pages of the カード発行一覧 (PNG, JPEG, PDF) can be sent instead: the server
// reads their codes into the same batch.
// The batch is named by the address (/ledger/scan/<id>), so that a reload or a link
// reopens it with its cards read from the server. /ledger/scan has none yet: the first
// card read starts one, and the open batches are listed there to reopen or discard.
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
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { formatTime } from '../../../../frontend-shared/dates/japan';
import { ScanRefused, useScanBatches, type ImageScanReport, type Scan } from './api';
import { formatDayTime } from './batches';
import { beep, SOUND_KEY, soundWanted } from './beep';
import { ClosedBatch } from './ClosedBatch';
import { BirthDate, ConfirmDialog, LedgerNav } from './components';
import { isOnePage, SCAN_FILE_LIMIT, signalFor, type FileOutcome } from './imageScan';
import { ImageScanPanel, useImageScan } from './ImageScanPanel';
import { asApiError, fieldErrorText, kindLabel, ledgerError, problemMessage, visitLabel } from './labels';
import { DiscardDialog, OpenBatches, type BatchSummary } from './OpenBatches';
import { duplicateScanId, INITIAL, scanReducer, type Outcome, type ScanState } from './scanSession';
import './ledger.css';

/** Refusals that mean the batch is gone from under the clerk (registered or discarded elsewhere, or expired). */
const CLOSED = ['ledger.batch_committed', 'ledger.batch_discarded', 'ledger.batch_not_found'];

const scanPath = (id: string | null) => (id ? `/ledger/scan/${id}` : '/ledger/scan');

export function ScanPage() {
  const wanted = useParams().batchId ?? null;
  const navigate = useNavigate();
  const { user } = useSession();
  const [state, dispatch] = useReducer(scanReducer, INITIAL);
  const stateRef = useRef<ScanState>(state);
  const input = useRef<HTMLInputElement>(null);
  const queue = useRef<string[]>([]);
  const working = useRef(false);
  const starting = useRef<Promise<string> | null>(null);
  const batches = useScanBatches();
  const ids = { field: useId(), hint: useId(), sound: useId(), list: useId() };
  const [text, setText] = useState('');
  const [waiting, setWaiting] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [resumed, setResumed] = useState(0);
  const [sound, setSound] = useState(() => soundWanted(localStorage.getItem(SOUND_KEY)));
  const [notice, setNotice] = useState('');
  const [committed, setCommitted] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<BatchSummary | null>(null);
  const [discarded, setDiscarded] = useState<number | null>(null);
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

  /** What the screen shows, and its own state as the reducer's: the queue's sends read it before React renders. */
  const show = useCallback((action: Parameters<typeof scanReducer>[1]) => {
    stateRef.current = scanReducer(stateRef.current, action);
    dispatch(action);
  }, []);

  // Back to the scan field after an upload, wherever the focus is: the file button has
  // done its job, and the reader's next code must not land in it.
  const images = useImageScan(readFile, () => input.current?.focus());

  /**
   * Shows the batch the address names, or a fresh start when it names none; what was
   * said about the batch shown before goes. `live` turns false once the address moved on.
   */
  const load = useEffectEvent(async (id: string | null, live: () => boolean) => {
    queue.current = [];
    images.clear();
    setNotice('');
    setRemoveError(null);
    setDiscarded(null);
    setResumed(0);
    setLoadError(null);
    // Another batch, or none, in the same screen (no remount, so autoFocus does not run
    // again): the reader's next code goes into the field, not into the link just followed.
    input.current?.focus();
    if (!id) {
      show({ type: 'reset' });
      return;
    }
    show({ type: 'loading', id });
    try {
      const batch = await batches.read(id);
      if (!live()) return;
      show({ type: 'started', batch });
      setResumed(batch.state === 'open' ? batch.scans.length : 0);
      setCommitted(null);
    } catch (e) {
      if (!live()) return;
      if (e instanceof ApiError && e.status === 404) show({ type: 'missing', id });
      else setLoadError(problemMessage(e));
    }
  });

  // The address names the batch: read it whenever it changes to one the screen does not
  // hold (a reload, a link from a duplicate or the list); none is a fresh start. A batch
  // the screen just started has its address already, and is not read again.
  const loadsDone = useRef(0);
  useEffect(() => {
    const retry = loads !== loadsDone.current;
    loadsDone.current = loads;
    // One still loading is read again: the effect that started it was cleaned up (React's development double effects).
    const held = stateRef.current;
    if (wanted === held.batchId && held.mode !== 'loading' && !retry) return;
    let live = true;
    void load(wanted, () => live);
    return () => {
      live = false;
    };
  }, [wanted, loads]);

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

  const signal = useCallback((outcome: Outcome['kind']) => {
    if (soundRef.current) beep(outcome);
  }, []);

  /**
   * The batch cards go into: the open one, or a new one when the screen has none yet (the
   * first card read starts it, so that opening the screen strands no empty batch). Its id
   * goes into the address, replacing the bare /ledger/scan.
   */
  async function batchForScans(): Promise<string | null> {
    const current = stateRef.current;
    if (current.mode === 'open') return current.batchId;
    if (current.mode !== 'new') return null;
    starting.current ??= batches.start().then((batch) => {
      show({ type: 'started', batch });
      navigate(scanPath(batch.id), { replace: true });
      return batch.id;
    });
    try {
      return await starting.current;
    } finally {
      starting.current = null;
    }
  }

  /**
   * The batch was closed elsewhere: registered, discarded (by a clerk, or by expiry) or
   * gone. A discarded one is shown as such (its cards must be read again); otherwise a
   * fresh start, into which `retry` may carry the card at hand.
   */
  async function closedMeanwhile(batchId: string, code: string): Promise<boolean> {
    queue.current = [];
    if (code === 'ledger.batch_discarded') {
      const batch = await batches.read(batchId).catch(() => null);
      if (batch) {
        show({ type: 'closed', batch, code });
        return false;
      }
    }
    show({ type: 'reset' });
    navigate(scanPath(null), { replace: true });
    return true;
  }

  async function send(payload: string, retried = false): Promise<void> {
    let batchId: string | null;
    try {
      batchId = await batchForScans();
    } catch (e) {
      show({ type: 'failed', code: asApiError(e).status === 0 ? 'network' : asApiError(e).code });
      signal('failed');
      return;
    }
    if (!batchId) return;
    try {
      const scan = await batches.scan(batchId, payload);
      show({ type: 'scanned', scan });
      signal('ok');
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'ledger.duplicate_qr') {
        show({ type: 'duplicate', detail: error.detail, conflict: e instanceof ScanRefused ? e.conflictWith : null });
        signal('duplicate');
      } else if (error.status === 422 && error.errors.length > 0) {
        show({ type: 'invalid', errors: error.errors, payload: payload.trim() });
        signal('invalid');
      } else if (CLOSED.includes(error.code)) {
        // Registered or gone from another tab: carry on in a new batch with this card.
        // Discarded: its cards are no longer held, so the clerk is told rather than carried on.
        const fresh = await closedMeanwhile(batchId, error.code);
        if (fresh && !retried) return send(payload, true);
        if (fresh) show({ type: 'failed', code: error.code });
        signal('failed');
      } else {
        show({ type: 'failed', code: error.status === 0 ? 'network' : error.code });
        signal('failed');
      }
    }
  }

  /** Sends a page file into the batch, carrying on in a new batch when this one was registered meanwhile. */
  async function uploadImage(file: File, retried = false): Promise<ImageScanReport> {
    const batchId = await batchForScans();
    if (!batchId) throw new ApiError(404, 'ledger.batch_not_found');
    try {
      return await batches.images(batchId, file);
    } catch (e) {
      const error = asApiError(e);
      if (!CLOSED.includes(error.code)) throw error;
      if ((await closedMeanwhile(batchId, error.code)) && !retried) return uploadImage(file, true);
      throw error;
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
      show({ type: 'imagesRead', report });
      signal(signalFor(report));
      return { name: file.name, report, onePage: isOnePage(file) };
    } catch (e) {
      signal('failed');
      return { name: file.name, error: problemMessage(e) };
    }
  }

  const scanning = (mode: ScanState['mode']) => mode === 'new' || mode === 'open';

  async function drain() {
    // Payloads typed while a batch loads wait for it (see the effect below).
    if (working.current || !scanning(stateRef.current.mode)) return;
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
    if (state.mode === 'open') drainWaiting();
  }, [state.mode]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const payload = input.current?.value ?? text;
    setText('');
    if (!payload.trim()) return;
    setNotice('');
    setCommitted(null);
    setDiscarded(null);
    queue.current.push(payload);
    void drain();
  }

  async function remove(scan: Scan) {
    const batchId = state.batchId;
    if (!batchId) return;
    setRemoveError(null);
    try {
      await batches.removeScan(batchId, scan.id);
      show({ type: 'removed', scanId: scan.id });
      setNotice(t('ledger.scan.removed', { number: scan.card.management_number }));
      // Taking a card out touches the batch: its expiry, as the server now says.
      void batches.read(batchId).then(
        (batch) => show({ type: 'touched', batch }),
        () => undefined,
      );
    } catch (e) {
      const error = asApiError(e);
      if (CLOSED.includes(error.code)) await closedMeanwhile(batchId, error.code);
      else setRemoveError(`${t('ledger.scan.removeFailed')}: ${problemMessage(e)}`);
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
      // Registered: the next card starts a new batch.
      show({ type: 'reset' });
      navigate(scanPath(null), { replace: true });
      setResumed(0);
      images.clear();
      setCommitted(done.registered);
      setConfirming(false);
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'ledger.batch_discarded') {
        setConfirming(false);
        await closedMeanwhile(batchId, error.code);
        return;
      }
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
  const info = state.info;
  const heading = (
    <>
      <LedgerNav />
      <h1 id="page-heading">{t('ledger.scan.title')}</h1>
    </>
  );

  if (loadError) {
    return (
      <section aria-labelledby="page-heading" className="ledger-page">
        {heading}
        <div className="ledger-alert-box" role="alert">
          <p>
            {t('ledger.scan.loadFailed')}: {loadError}
          </p>
          <button type="button" onClick={() => setLoads((n) => n + 1)}>
            {t('ledger.scan.retry')}
          </button>
        </div>
      </section>
    );
  }
  if (state.mode === 'closed' || state.mode === 'missing') {
    return (
      <section aria-labelledby="page-heading" className="ledger-page">
        {heading}
        {discarded !== null && (
          <p className="notice" role="status">
            {t('ledger.batches.discarded', { count: discarded })}
          </p>
        )}
        <ClosedBatch
          batch={state.closed}
          refusal={state.closedBy}
          onNew={() => {
            navigate(scanPath(null));
          }}
        />
      </section>
    );
  }

  const mine = info !== null && info.createdBy === user?.login_id;
  return (
    <section aria-labelledby="page-heading" className="ledger-page">
      {heading}
      <p className="ledger-intro">{t('ledger.scan.intro')}</p>
      {info && (
        <p className="ledger-batch-info">
          {mine
            ? t('ledger.scan.batchMine', { at: formatDayTime(info.createdAt) })
            : t('ledger.scan.batchInfo', { by: info.createdBy, at: formatDayTime(info.createdAt) })}
          {info.expiresAt && t('ledger.scan.batchExpires', { at: formatDayTime(info.expiresAt) })}
        </p>
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
            {state.mode === 'loading' && (
              <p className="hint" role="status">
                {t('ledger.scan.loadingBatch')}
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

          <ImageScanPanel ready={state.mode !== 'loading'} scan={images} />
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
          {state.mode === 'open' && info && state.batchId && (
            <button
              type="button"
              className="ledger-secondary"
              disabled={committing || images.busy}
              onClick={() =>
                setDiscarding({
                  id: state.batchId ?? '',
                  createdBy: info.createdBy,
                  createdAt: info.createdAt,
                  scans: count,
                })
              }
            >
              {t('ledger.scan.discard')}
            </button>
          )}
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

      {/* No batch yet: those left open (by this clerk or another) to reopen, register or discard. */}
      {state.mode === 'new' ? <OpenBatches /> : <h2 id={ids.list}>{t('ledger.scan.list')}</h2>}
      {state.mode === 'new' ? null : count === 0 ? (
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
      <DiscardDialog
        batch={discarding}
        onDone={(batch, cards) => {
          queue.current = [];
          setDiscarding(null);
          show({ type: 'closed', batch });
          setDiscarded(cards);
        }}
        onCancel={() => setDiscarding(null)}
      />
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
    let hint: string | null = null;
    if (where.kind === 'registered') body = t('ledger.scan.duplicate.registered');
    else if (where.kind === 'scanned' && where.batchId === batchId) {
      const earlier = scans.find((s) => s.card.management_number === where.number);
      const at = earlier?.scanned_at ?? where.at;
      body = at ? t('ledger.scan.duplicate.thisBatch', { time: formatTime(at) }) : t('ledger.scan.duplicate.unknown');
    } else if (where.kind === 'scanned') {
      // Held by a batch not registered yet (a clerk's, perhaps stranded): lead to it.
      body =
        where.by && where.at
          ? t('ledger.scan.duplicate.heldBy', { by: where.by, at: formatDayTime(where.at) })
          : t('ledger.scan.duplicate.held');
      hint = t('ledger.scan.duplicate.heldHint');
    } else body = t('ledger.scan.duplicate.unknown');
    return (
      <div className="ledger-outcome ledger-outcome-duplicate">
        <p className="ledger-outcome-title">
          {where.number
            ? t('ledger.scan.duplicateTitle', { number: where.number })
            : t('ledger.scan.duplicateUnknownTitle')}
        </p>
        <p>{body}</p>
        {hint && <p>{hint}</p>}
        {where.kind === 'registered' && (
          <p>
            <Link to={`/ledger/cards/${where.cardId}`}>{t('ledger.scan.duplicate.open')}</Link>
          </p>
        )}
        {where.kind === 'scanned' && where.batchId !== batchId && (
          <p>
            <Link to={scanPath(where.batchId)}>{t('ledger.scan.duplicate.openBatch')}</Link>
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
