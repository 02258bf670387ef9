import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { t } from '../../i18n/t';
import { BookingSummary } from './BookingSummary';
import { useCancelBooking } from './api';
import { useClearOutcome, useLookupSession } from './session';

export function CancelPage() {
  const site = useSite();
  const { session, setSession } = useLookupSession();
  const navigate = useNavigate();
  const cancelBooking = useCancelBooking();
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  useClearOutcome();
  if (!session) return <Navigate to="/lookup" replace />;
  const { booking } = session.details;

  async function cancel() {
    if (!session) return;
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
      navigate('/lookup/booking', { replace: true });
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
        <Link className="button secondary" to="/lookup/booking">
          {t('cancel.keep')}
        </Link>
      </div>
    </Page>
  );
}
