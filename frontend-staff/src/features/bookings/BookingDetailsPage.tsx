// 予約の詳細: everything about one booking, its applicants and its history; for the
// call center, the ways to change it (move, correct who it is for, a new password, cancel).
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import type { components } from '../../api/schema';
import { canAccess, CALL_CENTER, rolesFor } from '../../lib/roles';
import { useSession } from '../../app/session';
import { PersonName } from '../../components/PersonName';
import { Phone } from '../../components/Phone';
import { ja, type MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { formatDateTime, formatSlot, tokyoDateOf } from '../../../../frontend-shared/dates/japan';
import { actionLabel, actorLabel, describeEvent } from './history';
import { useBooking, useLocations, useProcedures } from './api';
import { LoadError, nameOf, StatusBadge } from './shared';
import { PasswordReissueButton, ReissuedPassword, type Reissued } from './PasswordReissue';
import './bookings.css';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bookings-dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function BookingDetailsPage() {
  const { number = '' } = useParams();
  const { user } = useSession();
  const locations = useLocations();
  const procedures = useProcedures();
  const details = useBooking(number);
  const [reissued, setReissued] = useState<Reissued | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  const notFound = details.error instanceof ApiError && details.error.status === 404;
  const b = details.data?.booking;
  const history = details.data?.history ?? [];
  const cards = details.data?.cards ?? [];
  const none = <span className="bookings-muted">{t('bookings.details.none')}</span>;
  const mayChange = b?.status === 'booked' && user !== null && user !== undefined && canAccess(user.roles, CALL_CENTER);

  return (
    <section aria-labelledby="page-heading" className="bookings-page">
      <div className="bookings-titlebar">
        <h1 id="page-heading" ref={title} tabIndex={-1}>
          {t('bookings.details.title')}
          <span className="bookings-h1-sub">{t('bookings.details.number', { number })}</span>
        </h1>
        <Link to="/bookings" className="bookings-noprint">
          {t('bookings.details.back')}
        </Link>
      </div>

      {details.isPending && (
        <p role="status" className="bookings-loading">
          {t('bookings.loading')}
        </p>
      )}
      {notFound && <p className="notice">{t('bookings.details.notFound')}</p>}
      {details.isError && !notFound && <LoadError error={details.error} what={t('bookings.details.title')} />}

      {b && (
        <>
          <div className="bookings-toolbar bookings-noprint">
            <Link to={`/bookings/day/${tokyoDateOf(b.start)}?location=${encodeURIComponent(b.location_id)}`}>
              {t('bookings.details.dayList')}
            </Link>
            {mayChange && (
              <div className="bookings-actions">
                <Link to={`/bookings/${b.reception_number}/change`} className="bookings-button-link">
                  {t('bookings.details.change')}
                </Link>
                <Link to={`/bookings/${b.reception_number}/correct`} className="bookings-button-link">
                  {t('bookings.details.correct')}
                </Link>
                <PasswordReissueButton booking={b} onReissued={setReissued} onReload={() => void details.refetch()} />
                <Link
                  to={`/bookings/${b.reception_number}/cancel`}
                  className="bookings-button-link bookings-danger-link"
                >
                  {t('bookings.details.cancel')}
                </Link>
              </div>
            )}
          </div>

          {/* Shown for the booking it was issued for only (the page stays mounted when another one is opened). */}
          {reissued?.number === b.reception_number && (
            <ReissuedPassword
              reissued={reissued}
              onClose={() => {
                setReissued(null);
                title.current?.focus();
              }}
            />
          )}

          <div className="bookings-details-grid">
            <section aria-labelledby="booking-heading" className="bookings-panel">
              <h2 id="booking-heading">{t('bookings.details.booking')}</h2>
              <dl className="bookings-dl">
                <Row label={t('bookings.details.status')}>
                  <StatusBadge status={b.status} />
                </Row>
                <Row label={t('bookings.details.slot')}>
                  <span className="bookings-when">{formatSlot(b.start, b.end)}</span>
                </Row>
                <Row label={t('bookings.details.location')}>{nameOf(locations.data, b.location_id)}</Row>
                <Row label={t('bookings.details.procedure')}>{nameOf(procedures.data, b.procedure_id)}</Row>
                <Row label={t('bookings.details.places')}>{t('bookings.people', { count: b.places })}</Row>
                <Row label={t('bookings.details.phone')}>{b.phone ? <Phone number={b.phone} /> : none}</Row>
                <Row label={t('bookings.details.email')}>{b.email ?? none}</Row>
                <Row label={t('bookings.details.flags')}>
                  {b.without_letter || b.beyond_capacity ? (
                    <>
                      {b.without_letter && <span className="bookings-flag">{t('bookings.withoutLetter')}</span>}
                      {b.beyond_capacity && <span className="bookings-flag">{t('bookings.beyondCapacity')}</span>}
                    </>
                  ) : (
                    t('bookings.details.noFlags')
                  )}
                </Row>
                <Row label={t('bookings.details.notes')}>
                  {b.notes ? <span className="bookings-notes">{b.notes}</span> : none}
                </Row>
                <Row label={t('bookings.details.checkedIn')}>
                  {b.checked_in_at ? formatDateTime(b.checked_in_at) : none}
                </Row>
                <Row label={t('bookings.details.createdBy')}>{actorLabel(b.created_by)}</Row>
                <Row label={t('bookings.details.createdAt')}>{formatDateTime(b.created_at)}</Row>
              </dl>
            </section>

            <section aria-labelledby="applicants-heading" className="bookings-panel">
              <h2 id="applicants-heading">{t('bookings.details.applicants', { count: b.applicants.length })}</h2>
              {/* Scrolls sideways when zoomed; focusable so that the keyboard can scroll it too. */}
              <div className="bookings-table-wrap" role="region" aria-labelledby="applicants-heading" tabIndex={0}>
                <table className="bookings-table" aria-labelledby="applicants-heading">
                  <thead>
                    <tr>
                      <th scope="col" className="bookings-num">
                        #
                      </th>
                      <th scope="col">{t('bookings.details.name')}</th>
                      <th scope="col">{t('bookings.details.kana')}</th>
                      <th scope="col">{t('bookings.details.birthDate')}</th>
                      <th scope="col">{t('bookings.details.managementNumber')}</th>
                      <th scope="col">{t('bookings.details.address')}</th>
                      <th scope="col">{t('bookings.details.card')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.applicants.map((a, i) => (
                      <tr key={i}>
                        <th scope="row" className="bookings-num">
                          {i + 1}
                        </th>
                        <td>{a.name ? <PersonName name={a.name} /> : '—'}</td>
                        <td>{a.name_kana ? <PersonName name={a.name_kana} /> : '—'}</td>
                        <td className="bookings-nowrap">{a.birth_date ? a.birth_date.replaceAll('-', '/') : '—'}</td>
                        <td className="bookings-nowrap">{a.management_number ?? '—'}</td>
                        <td className="bookings-text">{a.address ?? '—'}</td>
                        <td className="bookings-nowrap">
                          <CardProgress card={cards.find((c) => c.management_number === a.management_number)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {/* Checking in does not hand the cards over: the ledger's step does, after the ID check. */}
              {cards.some((c) => c.status === 'booked') && <p className="hint">{t('bookings.details.cardHint')}</p>}
            </section>
          </div>

          <section aria-labelledby="history-heading" className="bookings-panel">
            <h2 id="history-heading">{t('bookings.details.history')}</h2>
            {history.length === 0 ? (
              <p>{t('bookings.details.noHistory')}</p>
            ) : (
              <table className="bookings-table" aria-labelledby="history-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('bookings.details.historyAt')}</th>
                    <th scope="col">{t('bookings.details.historyAction')}</th>
                    <th scope="col">{t('bookings.details.historyActor')}</th>
                    <th scope="col">{t('bookings.details.historyDetail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((event, i) => (
                    <tr key={i}>
                      <td className="bookings-nowrap">{formatDateTime(event.at)}</td>
                      <th scope="row">{actionLabel(event.action)}</th>
                      <td>{actorLabel(event.actor)}</td>
                      <td className="bookings-notes bookings-text">
                        {describeEvent(event.action, event.detail, b.applicants.length).join('　')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}

type HeldCard = components['schemas']['BookingCardView'];

/** The held card's progress in the ledger (LED-08), linked for the ledger desk. */
function CardProgress({ card }: { card: HeldCard | undefined }) {
  const { user } = useSession();
  if (!card) return <>—</>;
  const label = cardStatusLabel(card.status);
  return user && canAccess(user.roles, rolesFor('/ledger')) ? (
    <Link to={`/ledger/cards/${card.id}`}>{label}</Link>
  ) : (
    <>{label}</>
  );
}

function cardStatusLabel(status: string): string {
  const key = `bookings.card.${status}`;
  return key in ja ? t(key as MessageKey) : status;
}
