// 予約の取消 (CC-04): cancels a booking on the resident's behalf, after the clerk
// confirmed it with them; the reason goes into the booking's history.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { t } from '../../i18n/t';
import { BookingSummary, statusLabel } from './BookingSummary';
import { fieldId, MAX_NOTES } from './bookingForm';
import { BookingLoadState, Stale } from './ChangeBookingPage';
import { useBooking, useCatalog, type StaffBooking } from './data';
import { asApiError, counterError, problemMessage } from './errors';
import { ErrorSummary, RequirementTag, type SummaryItem } from './fields';
import './counter.css';

export function CancelBookingPage() {
  const { number = '' } = useParams();
  const booking = useBooking(number);
  const catalog = useCatalog();
  const [done, setDone] = useState(false);
  return (
    <section aria-labelledby="page-heading" className="counter-page">
      <h1 id="page-heading">{t('counter.cancel.title')}</h1>
      <BookingLoadState pending={booking.isPending} error={booking.error} />
      {booking.data && (
        <CancelForm
          key={`${booking.data.booking.version}-${booking.dataUpdatedAt}`}
          booking={booking.data.booking}
          locations={catalog.locations}
          procedures={catalog.procedures}
          onReload={() => void booking.refetch()}
          done={done}
          onDone={() => setDone(true)}
        />
      )}
    </section>
  );
}

function CancelForm({ booking, locations, procedures, onReload, done, onDone }: { booking: StaffBooking; locations: Parameters<typeof BookingSummary>[0]['locations']; procedures: Parameters<typeof BookingSummary>[0]['procedures']; onReload: () => void; done: boolean; onDone: () => void }) {
  const queryClient = useQueryClient();
  const ids = { reasonHint: useId() };
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done || booking.status !== 'booked') {
    return (
      <>
        {done ? (
          <p className="notice" role="status" tabIndex={-1} ref={doneRef}>
            {t('counter.cancel.done')}
          </p>
        ) : (
          <p role="alert" className="counter-problem">
            {t('counter.cancel.inactive', { status: statusLabel(booking.status) })}
          </p>
        )}
        <BookingSummary booking={booking} locations={locations} procedures={procedures} />
        <p>
          <Link to={`/bookings/${booking.reception_number}`}>{t('counter.back')}</Link>
        </p>
      </>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setGeneral(null);
    setStale(false);
    const found: Record<string, string> = {};
    if ([...reason.trim()].length > MAX_NOTES) found.reason = 'validation.too_long';
    if (!confirmed) found.confirm = 'counter.confirm';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const updated = await call(
        api.POST('/api/v1/bookings/{reception_number}/cancel', {
          params: { path: { reception_number: booking.reception_number } },
          body: { version: booking.version, reason: reason.trim() === '' ? null : reason.trim() },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['counter', 'calendar'] });
      onDone();
      queryClient.setQueryData(['counter', 'booking', booking.reception_number], updated);
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'booking.changed_meanwhile') setStale(true);
      else {
        const byField: Record<string, string> = {};
        for (const fault of error.errors) if (fault.field === 'reason') byField.reason = fault.code;
        setErrors(byField);
        if (Object.keys(byField).length === 0) setGeneral(problemMessage(error));
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  const message = (path: string) => {
    const code = errors[path];
    if (!code) return undefined;
    return code === 'counter.confirm' ? t('counter.cancel.confirmRequired') : counterError(code);
  };
  const labels: Record<string, string> = { reason: t('counter.cancel.reason'), confirm: t('counter.cancel.confirm') };
  const summary: SummaryItem[] = Object.keys(errors).map((path) => ({ path, label: labels[path] ?? path, message: message(path) ?? '' }));

  return (
    <>
      {stale && <Stale onReload={onReload} />}
      <ErrorSummary title={t('counter.errorSummary')} items={summary} general={general} focusKey={focusKey} />
      <div className="counter-two">
        <BookingSummary booking={booking} locations={locations} procedures={procedures} />
        <form onSubmit={submit} noValidate className="counter-form">
          <div className="field counter-field">
            <label htmlFor={fieldId('reason')}>
              {t('counter.cancel.reason')} <RequirementTag required={false} />
            </label>
            <span id={ids.reasonHint} className="hint">
              {t('counter.cancel.reason.hint')}
            </span>
            <input id={fieldId('reason')} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={ids.reasonHint} aria-invalid={errors.reason ? true : undefined} autoComplete="off" />
            {message('reason') && <span className="field-error">{message('reason')}</span>}
          </div>
          <div className="counter-check">
            <input id={fieldId('confirm')} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} aria-invalid={errors.confirm ? true : undefined} aria-describedby={errors.confirm ? `${fieldId('confirm')}-error` : undefined} />
            <label htmlFor={fieldId('confirm')}>{t('counter.cancel.confirm')}</label>
            {message('confirm') && (
              <span id={`${fieldId('confirm')}-error`} className="field-error">
                {message('confirm')}
              </span>
            )}
          </div>
          <div className="counter-actions">
            <button type="submit" className="counter-danger" disabled={busy}>
              {busy ? t('counter.cancel.submitting') : t('counter.cancel.submit')}
            </button>
            <Link to={`/bookings/${booking.reception_number}`}>{t('counter.back')}</Link>
          </div>
        </form>
      </div>
    </>
  );
}
