import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { t } from '../../i18n/t';
import { BookingSummary } from './BookingSummary';
import { useCancelBooking } from './api';
import { useHeldSession } from './HeldBooking';
import { useClearOutcome, useLookupSession } from './session';

export function CancelPage() {
  const site = useSite();
  const session = useHeldSession();
  const { setSession } = useLookupSession();
  const navigate = useNavigate();
  const cancelBooking = useCancelBooking();
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  useClearOutcome();
  const { booking } = session.details;
  const detailsPage = `/lookup/booking/${booking.reception_number}`;

  async function cancel() {
    setSending(true);
    setError(null);
    try {
      await cancelBooking.mutateAsync({
        params: { path: { tenant: site.slug, reception_number: booking.reception_number } },
        headers: { Authorization: `Bearer ${session.token}` },
      });
      setSession({
        ...session,
        details: { ...session.details, booking: { ...booking, status: 'cancelled' }, changeable: false },
        outcome: 'cancelled',
      });
      navigate(detailsPage, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) {
        setSession(null);
        navigate('/lookup', { replace: true, state: { expired: true } });
        return;
      }
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'network'));
      setSending(false);
    }
  }

  return (
    <Page title={t('cancel.heading')}>
      <p className="notice">{t('cancel.lead')}</p>
      <BookingSummary details={session.details} />
      {error && <ProblemAlert error={error} />}
      <div className="actions">
        <button type="button" className="danger" onClick={() => void cancel()} disabled={sending}>
          {t('cancel.submit')}
        </button>
        <Link className="button secondary" to={detailsPage}>
          {t('cancel.keep')}
        </Link>
      </div>
    </Page>
  );
}
