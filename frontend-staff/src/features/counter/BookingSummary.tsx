// One booking as the counter and the call center check it with the resident.
import { PersonName, PersonNames } from '../../components/PersonName';
import { Phone } from '../../components/Phone';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import type { Location, Procedure, StaffBooking } from './api';
import { displayReceptionNumber } from './reception';
import { formatSlot, formatTime } from '../../../../frontend-shared/dates/japan';

/** A `YYYY-MM-DD` birth date as `1980年4月1日` (as sent when it is not one). */
function formatBirthDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return y && m && d ? `${y}年${m}月${d}日` : date;
}

export function statusLabel(status: string): string {
  const key = `counter.status.${status}` as MessageKey;
  return key.startsWith('counter.status.') && ['booked', 'cancelled', 'visited', 'no_show'].includes(status)
    ? t(key)
    : status;
}

export function applicantNames(booking: StaffBooking): string {
  return (
    booking.applicants.map((a) => a.name ?? a.name_kana ?? t('counter.summary.noName')).join('、') ||
    t('counter.summary.noName')
  );
}

/** The applicants' names for a table cell, each broken only between its parts. */
export function ApplicantNames({ booking }: { booking: StaffBooking }) {
  const names = booking.applicants.map((a) => a.name ?? a.name_kana ?? t('counter.summary.noName'));
  return names.length > 0 ? <PersonNames names={names} /> : <>{t('counter.summary.noName')}</>;
}

/** How to reach the resident: the phone number as read out, then the mail address. */
export function ContactFacts({ booking }: { booking: Pick<StaffBooking, 'phone' | 'email'> }) {
  if (!booking.phone && !booking.email) return null;
  return (
    <div>
      <dt>{t('counter.summary.contact')}</dt>
      <dd>
        {booking.phone && <Phone number={booking.phone} />}
        {booking.phone && booking.email && ' / '}
        {booking.email}
      </dd>
    </div>
  );
}

/** When, what, where and for how many: rows of a booking's <dl>. */
export function SlotFacts({
  booking,
  procedure,
  location,
  whenClassName,
}: {
  booking: Pick<StaffBooking, 'start' | 'end' | 'places'>;
  procedure: string;
  location: string;
  whenClassName?: string;
}) {
  return (
    <>
      <div>
        <dt>{t('counter.summary.when')}</dt>
        <dd className={whenClassName}>{formatSlot(booking.start, booking.end)}</dd>
      </div>
      <div>
        <dt>{t('counter.summary.procedure')}</dt>
        <dd>{procedure}</dd>
      </div>
      <div>
        <dt>{t('counter.summary.location')}</dt>
        <dd>{location}</dd>
      </div>
      <div>
        <dt>{t('counter.summary.places')}</dt>
        <dd>{t('counter.person', { n: booking.places })}</dd>
      </div>
    </>
  );
}

export function BookingSummary({
  booking,
  locations,
  procedures,
  large = false,
  headingLevel = 2,
}: {
  booking: StaffBooking;
  locations: Location[];
  procedures: Procedure[];
  large?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const location = locations.find((l) => l.id === booking.location_id)?.name ?? '—';
  const procedure = procedures.find((p) => p.id === booking.procedure_id)?.name ?? '—';
  return (
    <div className={`counter-summary${large ? ' counter-summary-large' : ''}`}>
      <Heading className="counter-summary-heading">{t('counter.summary.heading')}</Heading>
      <dl>
        <div>
          <dt>{t('counter.summary.number')}</dt>
          <dd className="counter-number">{displayReceptionNumber(booking.reception_number)}</dd>
        </div>
        <div>
          <dt>{t('counter.summary.status')}</dt>
          <dd>
            <span className={`counter-status counter-status-${booking.status}`}>{statusLabel(booking.status)}</span>
            {booking.checked_in_at && (
              <> {t('counter.summary.checkedInAt', { time: formatTime(booking.checked_in_at) })}</>
            )}
          </dd>
        </div>
        <SlotFacts booking={booking} procedure={procedure} location={location} whenClassName="counter-when" />
        <div>
          <dt>{t('counter.summary.applicants')}</dt>
          <dd>
            <ul className="counter-applicants">
              {booking.applicants.map((a, i) => (
                <li key={i}>
                  <span className="counter-applicant-name">
                    {a.name ? <PersonName name={a.name} /> : t('counter.summary.noName')}
                  </span>
                  {a.name_kana && (
                    <span className="counter-kana">
                      （<PersonName name={a.name_kana} />）
                    </span>
                  )}
                  {a.birth_date && (
                    <span className="counter-meta">
                      {t('counter.summary.born', { date: formatBirthDate(a.birth_date) })}
                    </span>
                  )}
                  {a.management_number && (
                    <span className="counter-meta">
                      {t('counter.summary.managementNumber', { number: a.management_number })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            {booking.without_letter && <span className="counter-tag">{t('counter.summary.withoutLetter')}</span>}
            {booking.beyond_capacity && <span className="counter-tag">{t('counter.summary.beyondCapacity')}</span>}
          </dd>
        </div>
        <ContactFacts booking={booking} />
        <div>
          <dt>{t('counter.summary.notes')}</dt>
          <dd className="counter-notes">{booking.notes || t('counter.summary.noNotes')}</dd>
        </div>
      </dl>
    </div>
  );
}
