import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { t } from '../../i18n/t';
import { BookingSummary } from './BookingSummary';
import { useClearOutcome, useLookupSession } from './session';

export function CancelPage() {
  const site = useSite();
  const { session, setSession } = useLookupSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
      const { response, error: body } = await api.DELETE('/api/v1/public/{tenant}/bookings/{reception_number}', {
        params: { path: { tenant: site.slug, reception_number: booking.reception_number } },
        headers: { Authorization: `Bearer ${session.token}` },
      });
      if (response.status === 401) {
        setSession(null);
        navigate('/lookup', { replace: true, state: { expired: true } });
        return;
      }
      if (!response.ok) throw ApiError.fromBody(response.status, body);
      setSession({
        ...session,
        details: { ...session.details, booking: { ...booking, status: 'cancelled' }, changeable: false },
        outcome: 'cancelled',
      });
      await queryClient.invalidateQueries({ queryKey: ['availability'] });
      navigate('/lookup/booking', { replace: true });
    } catch (caught) {
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
