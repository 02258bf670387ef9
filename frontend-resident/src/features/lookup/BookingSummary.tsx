import { useLocations, useProcedures } from '../../api/queries';
import { useSite } from '../../app/site';
import { Visit } from '../../components/Visit';
import { toWareki } from '../../../../frontend-shared/input/wareki';
import { t } from '../../i18n/t';
import type { BookingDetails } from './session';

const STATUS = {
  booked: 'details.status.booked',
  cancelled: 'details.status.cancelled',
  visited: 'details.status.visited',
  no_show: 'details.status.no_show',
} as const;

export function statusText(status: string): string {
  return status in STATUS ? t(STATUS[status as keyof typeof STATUS]) : status;
}

/** A booking as the resident sees it: number, state, what, where, when, who. */
export function BookingSummary({ details, start, end }: { details: BookingDetails; start?: string; end?: string }) {
  const site = useSite();
  const procedures = useProcedures(site.slug);
  const locations = useLocations(site.slug);
  const booking = details.booking;
  const procedure = procedures.data?.find((p) => p.id === booking.procedure_id);
  const location = locations.data?.find((l) => l.id === booking.location_id);
  return (
    <dl className="summary">
      <dt>{t('details.number')}</dt>
      <dd className="number">{booking.reception_number}</dd>
      <dt>{t('details.status')}</dt>
      <dd>{statusText(booking.status)}</dd>
      <dt>{t('confirm.procedure')}</dt>
      <dd>{procedure?.name ?? '…'}</dd>
      <dt>{t('confirm.location')}</dt>
      <dd>{location?.name ?? '…'}</dd>
      <dt>{t('confirm.when')}</dt>
      <dd>
        <strong>
          <Visit start={start ?? booking.start} end={end ?? booking.end} />
        </strong>
      </dd>
      <dt>{t('details.applicants')}</dt>
      <dd>
        <ul className="plain">
          {details.applicants.map((applicant, index) => (
            <li key={index} className="keep-words">
              {[
                applicant.name,
                applicant.management_number,
                applicant.birth_date ? toWareki(applicant.birth_date) : null,
              ]
                .filter(Boolean)
                .join('　') || t('form.person', { n: index + 1 })}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
