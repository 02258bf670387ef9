import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { untilText } from '../../lib/rules';
import { t } from '../../i18n/t';
import { BookingSummary } from './BookingSummary';
import { useHeldSession } from './HeldBooking';

export function DetailsPage() {
  const site = useSite();
  const session = useHeldSession();
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (session.outcome) outcome.current?.focus();
  }, [session.outcome]);
  const { details } = session;
  const here = `/lookup/booking/${details.booking.reception_number}`;
  const active = details.booking.status === 'booked';
  return (
    <Page title={t('details.heading')}>
      {session.outcome && (
        <p ref={outcome} tabIndex={-1} role="status" className="success">
          {session.outcome === 'changed' ? t('change.done') : t('cancel.done')}
          {details.email && session.outcome === 'changed' ? ` ${t('change.doneMail')}` : ''}
        </p>
      )}
      <BookingSummary details={details} />
      {active && details.changeable && (
        <>
          <p>{t('details.deadline', { until: untilText(site.booking.change_deadline) })}</p>
          <div className="actions">
            <Link className="button" to={`${here}/change`}>
              {t('details.change')}
            </Link>
            <Link className="button danger" to={`${here}/cancel`}>
              {t('details.cancel')}
            </Link>
          </div>
        </>
      )}
      {active && !details.changeable && <p className="notice">{t('details.locked')}</p>}
      {details.booking.status === 'cancelled' && (
        <p>
          <Link to="/">{t('cancel.again')}</Link>
        </p>
      )}
      <p>
        <Link to="/lookup">{t('details.another')}</Link>
      </p>
    </Page>
  );
}
