// カードの詳細: every field the カード管理簿 keeps (LED-05), grouped as on the paper
// ledger; its history; the steps it can take; editing and deleting.
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { canAccess, rolesFor } from '../../lib/roles';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { formatDate, formatDateTime, isIsoDate } from '../../../../frontend-shared/dates/japan';
import { fetchReceipt, useCard, useDeleteCard, type LedgerCard, type LedgerCardDetails } from './api';
import { CardActions } from './CardActions';
import { CardEditForm } from './CardEditForm';
import { BirthDate, ConfirmDialog, LedgerNav, StatusBadge } from './components';
import { actionText, actorText, moveText, newestFirst, noteText, onDateText } from './history';
import {
  asApiError,
  fieldLabel,
  inspectionLabel,
  kindLabel,
  ledgerError,
  problemMessage,
  reissuableLabel,
  renewalLabel,
  sexLabel,
  visitLabel,
  yesNo,
} from './labels';
import { openPdf } from './pdfTab';
import { PersonName } from '../../components/PersonName';
import './ledger.css';

function Row({ field, label, children }: { field?: string; label?: string; children: ReactNode }) {
  return (
    <div className="ledger-dl-row">
      <dt>{label ?? fieldLabel(field ?? '')}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function day(date: string | null | undefined): ReactNode {
  return date && isIsoDate(date) ? formatDate(date, false) : <span className="ledger-muted">{t('ledger.none')}</span>;
}

function text(value: string | null | undefined): ReactNode {
  return value ? value : <span className="ledger-muted">{t('ledger.none')}</span>;
}

export function CardPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const search = (location.state as { search?: string } | null)?.search ?? '';
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const details = useCard(id);

  const notFound = details.error instanceof ApiError && (details.error.status === 404 || details.error.status === 422);
  const card = details.data?.card;
  const history = details.data?.history ?? [];

  // The cache already holds the card as the server answered (usePatchCard, useCardStep).
  function changed(_next: LedgerCardDetails, message: string) {
    setNotice(message);
  }

  /** The server refused a stale version or a step: show the card as it is now. */
  async function reload() {
    await details.refetch();
  }

  return (
    <section aria-labelledby="page-heading" className="ledger-page ledger-card-page">
      <LedgerNav />
      <div className="ledger-titlebar">
        <h1 id="page-heading">
          {t('ledger.card.title')}
          {card && <span className="ledger-h1-sub ledger-mono">{card.management_number}</span>}
          {card && <StatusBadge status={card.status} />}
        </h1>
        <div className="ledger-title-actions">
          {card && <ReceiptButton card={card} />}
          <Link to={`/ledger/cards${search}`}>{t('ledger.card.back')}</Link>
        </div>
      </div>

      {details.isPending && (
        <p role="status" className="ledger-muted">
          {t('ledger.loading')}
        </p>
      )}
      {notFound && <p className="notice">{t('ledger.card.notFound')}</p>}
      {details.isError && !notFound && (
        <p className="ledger-alert" role="alert">
          {problemMessage(details.error)}
        </p>
      )}
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>

      {card && (
        <div className="ledger-card-grid">
          <div className="ledger-card-col">
            <CardInfo card={card} />
            <section className="ledger-panel" aria-labelledby="ledger-dates">
              <h2 id="ledger-dates">{t('ledger.card.dates')}</h2>
              <dl className="ledger-dl ledger-dl-two">
                {(
                  [
                    'inspected_on',
                    'set_up_on',
                    'notice_sent_on',
                    'notice_returned_on',
                    'reminder_sent_on',
                    'handed_over_on',
                    'cancelled_on',
                    'reissue_processed_on',
                    'abolished_on',
                    'disposed_on',
                  ] as const
                ).map((field) => (
                  <Row key={field} field={field}>
                    {day(card[field])}
                  </Row>
                ))}
              </dl>
            </section>
            <section className="ledger-panel" aria-labelledby="ledger-reasons">
              <h2 id="ledger-reasons">{t('ledger.card.reasons')}</h2>
              <dl className="ledger-dl">
                <Row field="cancel_reason">{text(card.cancel_reason)}</Row>
                <Row field="reissuable">{reissuableLabel(card.reissuable)}</Row>
                <Row field="reissue_reason">{text(card.reissue_reason)}</Row>
                <Row field="abolish_reason">{text(card.abolish_reason)}</Row>
                <Row field="dispose_reason">{text(card.dispose_reason)}</Row>
              </dl>
            </section>
            <section className="ledger-panel" aria-labelledby="ledger-notes">
              <div className="ledger-panel-head">
                <h2 id="ledger-notes">{t('ledger.card.notes')}</h2>
                {!editing && (
                  <button
                    type="button"
                    ref={editButton}
                    className="ledger-secondary ledger-small"
                    onClick={() => setEditing(true)}
                  >
                    {t('ledger.card.edit')}
                  </button>
                )}
              </div>
              {editing ? (
                <CardEditForm
                  key={card.version}
                  card={card}
                  onSaved={(next) => {
                    setEditing(false);
                    changed(next, t('ledger.card.editSaved'));
                    requestAnimationFrame(() => editButton.current?.focus());
                  }}
                  onCancel={() => {
                    setEditing(false);
                    requestAnimationFrame(() => editButton.current?.focus());
                  }}
                  onStale={reload}
                />
              ) : (
                <dl className="ledger-dl">
                  <Row field="notes">{card.notes ? <span className="ledger-pre">{card.notes}</span> : text('')}</Row>
                  <Row field="handover_notes">
                    {card.handover_notes ? <span className="ledger-pre">{card.handover_notes}</span> : text('')}
                  </Row>
                </dl>
              )}
            </section>
          </div>

          <div className="ledger-card-col">
            <section className="ledger-panel" aria-labelledby="ledger-progress">
              <h2 id="ledger-progress">{t('ledger.card.progress')}</h2>
              <dl className="ledger-dl">
                <Row field="status">
                  <StatusBadge status={card.status} />
                </Row>
                <Row field="inspection_result">
                  {card.inspection_result ? inspectionLabel(card.inspection_result) : text('')}
                </Row>
                <Row field="storage_location">{text(card.storage_location)}</Row>
                <Row field="booking">
                  <BookingRef booking={details.data?.booking ?? null} />
                </Row>
                {card.renewal_check && (
                  <Row field="renewal_check">
                    {renewalLabel(card.renewal_check)}
                    {card.renewal_checked_on && isIsoDate(card.renewal_checked_on) && (
                      <span className="ledger-muted">（{formatDate(card.renewal_checked_on, false)}）</span>
                    )}
                  </Row>
                )}
                <Row field="registered_at">{formatDateTime(card.registered_at)}</Row>
              </dl>
              <CardActions card={card} onChanged={changed} onStale={reload} />
            </section>
            <Timeline history={history} />
            <DeleteCard
              card={card}
              onDeleted={() => {
                // useDeleteCard took it out of the results the clerk goes back to.
                navigate(`/ledger/cards${search}`, {
                  state: { notice: t('ledger.card.deleted', { number: card.management_number }) },
                });
              }}
              onStale={reload}
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** 受領書を印刷: the holder signs it at the counter when the card is handed over. */
function ReceiptButton({ card }: { card: LedgerCard }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setBusy(true);
    setError(null);
    try {
      await openPdf(() => fetchReceipt(card.id), `receipt-${card.management_number}.pdf`);
    } catch (e) {
      setError(`${t('ledger.card.receiptFailed')}: ${problemMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {/* Before the button: the bar is right-aligned, so the empty region takes no visible room. */}
      <span role="alert" className="ledger-receipt-error">
        {error && <span className="ledger-alert">{error}</span>}
      </span>
      <button type="button" className="ledger-secondary" disabled={busy} onClick={() => void open()}>
        {busy ? t('ledger.print.making') : t('ledger.card.receipt')}
      </button>
    </>
  );
}

function CardInfo({ card }: { card: LedgerCard }) {
  return (
    <section className="ledger-panel" aria-labelledby="ledger-info">
      <h2 id="ledger-info">{t('ledger.card.info')}</h2>
      <dl className="ledger-dl">
        <Row field="management_number">
          <span className="ledger-mono">{card.management_number}</span>
        </Row>
        <Row field="application_id">
          <span className="ledger-mono">{text(card.application_id)}</span>
        </Row>
        <Row field="shipment_number">
          <span className="ledger-mono">{text(card.shipment_number)}</span>
        </Row>
        <Row field="name">{card.name ? <PersonName name={card.name} /> : text(card.name)}</Row>
        <Row field="name_kana">{card.name_kana ? <PersonName name={card.name_kana} /> : text(card.name_kana)}</Row>
        <Row field="birth_date">
          <BirthDate date={card.birth_date} inline />
        </Row>
        <Row field="sex">{sexLabel(card.sex)}</Row>
        <Row field="postal_code">{text(card.postal_code)}</Row>
        <Row field="address">{text(card.address)}</Row>
        <Row field="kind">{kindLabel(card.kind)}</Row>
        <Row field="visit_method">{visitLabel(card.visit_method)}</Row>
        <Row field="signing_certificate">{yesNo(card.signing_certificate)}</Row>
        <Row field="user_certificate">{yesNo(card.user_certificate)}</Row>
        <Row field="card_expires_on">{day(card.card_expires_on)}</Row>
        <Row field="certificate_expires_on">{day(card.certificate_expires_on)}</Row>
      </dl>
    </section>
  );
}

/** The booking holding the card (LED-08), linked for those who may open bookings. */
function BookingRef({ booking }: { booking: LedgerCardDetails['booking'] }) {
  const { user } = useSession();
  const mayOpen = user ? canAccess(user.roles, rolesFor('/bookings')) : false;
  if (!booking) return <span className="ledger-muted">{t('ledger.none')}</span>;
  const label = t('ledger.card.bookingLink', { number: booking.reception_number });
  return mayOpen ? <Link to={`/bookings/${booking.reception_number}`}>{label}</Link> : <>{label}</>;
}

function Timeline({ history }: { history: LedgerCardDetails['history'] }) {
  return (
    <section className="ledger-panel" aria-labelledby="ledger-history">
      <h2 id="ledger-history">{t('ledger.card.history')}</h2>
      {history.length === 0 ? (
        <p className="ledger-muted">{t('ledger.card.noHistory')}</p>
      ) : (
        <ol className="ledger-timeline">
          {newestFirst(history).map((event, i) => {
            const move = moveText(event);
            const on = onDateText(event);
            const note = noteText(event);
            return (
              <li key={`${event.at}-${i}`}>
                <p className="ledger-timeline-what">
                  <strong>{actionText(event.action)}</strong>
                  {move && <span className="ledger-timeline-move">{move}</span>}
                </p>
                {on && <p>{on}</p>}
                {note && <p className="ledger-pre">{note}</p>}
                <p className="ledger-timeline-meta">
                  {t('ledger.card.historyAt', { date: formatDateTime(event.at) })}
                  {'\u3000'}
                  {actorText(event.actor)}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function DeleteCard({
  card,
  onDeleted,
  onStale,
}: {
  card: LedgerCard;
  onDeleted: () => void;
  onStale: () => Promise<void>;
}) {
  const ids = { heading: useId(), reason: useId(), error: useId() };
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const deleteCard = useDeleteCard();

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await deleteCard.mutateAsync({
        params: { path: { id: card.id } },
        body: { version: card.version, reason: reason.trim() },
      });
      setConfirming(false);
      onDeleted();
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code === 'ledger.changed_meanwhile') await onStale();
      setError(
        `${t('ledger.card.deleteFailed')}: ${problem.status === 422 && problem.errors[0] ? ledgerError(problem.errors[0].code) : problemMessage(problem)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="ledger-panel ledger-danger-zone" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('ledger.card.delete')}</h2>
      <p className="hint">{t('ledger.card.deleteHint')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) {
            setMissing(true);
            field.current?.focus();
            return;
          }
          setMissing(false);
          setConfirming(true);
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor={ids.reason}>{t('ledger.card.deleteReason')}</label>
          <textarea
            id={ids.reason}
            ref={field}
            rows={2}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? ids.error : undefined}
            required
          />
          {missing && (
            <span id={ids.error} className="field-error">
              {t('ledger.card.reasonMissing')}
            </span>
          )}
        </div>
        <button type="submit" className="ledger-danger">
          {t('ledger.card.deleteButton')}
        </button>
      </form>
      {error && !confirming && (
        <p className="ledger-alert" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('ledger.card.deleteTitle', { number: card.management_number })}
        confirmLabel={t('ledger.card.deleteConfirm')}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      >
        <p>{t('ledger.card.deleteBody')}</p>
        <p>
          {fieldLabel('reason')}: {reason.trim()}
        </p>
      </ConfirmDialog>
    </section>
  );
}
