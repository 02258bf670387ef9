import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { components } from '../../api/client';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Visit } from '../../components/Visit';
import { t } from '../../i18n/t';
import { Calendar } from '../../components/Calendar';
import { useChangeBooking } from './api';
import { useHeldSession } from './HeldBooking';
import { useClearOutcome, useLookupSession } from './session';

type Slot = components['schemas']['SlotView'];

/** A new slot for the same procedure and place, confirmed before it is taken. */
export function ChangePage() {
  const site = useSite();
  const session = useHeldSession();
  const { setSession } = useLookupSession();
  const navigate = useNavigate();
  const changeBooking = useChangeBooking();
  const [picked, setPicked] = useState<Slot | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  useClearOutcome();
  const { booking } = session.details;

  async function change() {
    if (!picked) return;
    setSending(true);
    setError(null);
    try {
      const details = await changeBooking.mutateAsync({
        params: { path: { tenant: site.slug, reception_number: booking.reception_number } },
        body: { start: picked.start },
        headers: { Authorization: `Bearer ${session.token}` },
      });
      setSession({ ...session, details, outcome: 'changed' });
      navigate(`/lookup/booking/${booking.reception_number}`, { replace: true });
    } catch (caught) {
      const failure = caught as ApiError;
      if (failure.status === 401) {
        setSession(null);
        navigate('/lookup', { replace: true, state: { expired: true } });
        return;
      }
      setError(failure);
      setSending(false);
    }
  }

  if (picked) {
    return (
      <Page key="confirm" title={t('change.confirmHeading')}>
        <dl className="summary">
          <dt>{t('change.from')}</dt>
          <dd>
            <Visit start={booking.start} end={booking.end} />
          </dd>
          <dt>{t('change.to')}</dt>
          <dd>
            <strong>
              <Visit start={picked.start} end={picked.end} />
            </strong>
          </dd>
        </dl>
        {error && <ProblemAlert error={error} />}
        <div className="actions">
          <button type="button" onClick={() => void change()} disabled={sending}>
            {t('change.submit')}
          </button>
          <button type="button" className="secondary" onClick={() => setPicked(null)}>
            {t('change.back')}
          </button>
        </div>
      </Page>
    );
  }
  return (
    <Page key="pick" title={t('change.heading')}>
      <p>
        {t('change.from')}：<Visit start={booking.start} end={booking.end} />
      </p>
      <Calendar
        tenant={site.slug}
        locationId={booking.location_id}
        procedureId={booking.procedure_id}
        party={booking.places}
        onChoose={(slot) => setPicked(slot)}
      />
    </Page>
  );
}
