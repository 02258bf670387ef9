// 予約の取消 (CC-04): cancels a booking on the resident's behalf, after the clerk
// confirmed it with them; the reason goes into the booking's history.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import { useCancelBooking } from './api';
import { BookingPage, FinishedOrRefused, Stale, type BookingFormProps } from './BookingPage';
import { BookingSummary, statusLabel } from './BookingSummary';
import { fieldId, MAX_NOTES } from './bookingForm';
import { asApiError, counterError, problemMessage } from './errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { summaryItem, TextField } from './fields';

export function CancelBookingPage() {
  return <BookingPage title={t('counter.cancel.title')} Form={CancelForm} />;
}

function CancelForm({ booking, locations, procedures, onReload, done, onDone }: BookingFormProps) {
  const cancelBooking = useCancelBooking();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  if (done || booking.status !== 'booked') {
    return (
      <FinishedOrRefused
        booking={booking}
        locations={locations}
        procedures={procedures}
        done={done}
        doneText={t('counter.cancel.done')}
        refusedText={t('counter.cancel.inactive', { status: statusLabel(booking.status) })}
      />
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
      await cancelBooking.mutateAsync({
        params: { path: { reception_number: booking.reception_number } },
        body: { version: booking.version, reason: reason.trim() === '' ? null : reason.trim() },
      });
      onDone();
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
  const summary = Object.keys(errors).map((path) => summaryItem(path, labels[path] ?? path, message(path) ?? ''));

  return (
    <>
      {stale && <Stale onReload={onReload} />}
      <ErrorSummary title={t('counter.errorSummary')} items={summary} general={general} focusKey={focusKey} />
      <div className="counter-two">
        <BookingSummary booking={booking} locations={locations} procedures={procedures} />
        <form onSubmit={submit} noValidate className="counter-form">
          <TextField
            path="reason"
            label={t('counter.cancel.reason')}
            required={false}
            value={reason}
            onChange={setReason}
            hint={t('counter.cancel.reason.hint')}
            error={message('reason')}
          />
          <div className="counter-check">
            <input
              id={fieldId('confirm')}
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? `${fieldId('confirm')}-error` : undefined}
            />
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
