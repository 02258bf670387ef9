// 予約の変更 (CC-03): moves a booking to another slot or edits its notes on the
// resident's behalf. The version read with the booking goes back with the change, so
// a change made meanwhile (by a resident or a colleague) is never overwritten.
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { BookingOutcome, BookingPage, Stale, type BookingFormProps } from './BookingPage';
import { BookingSummary, statusLabel } from './BookingSummary';
import { fieldId, MAX_NOTES } from './bookingForm';
import { useChangeBooking, type CalendarSlot } from './api';
import { asApiError, counterError, problemMessage } from './errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { NotesField, summaryItem, TextField } from './fields';
import { SlotPicker } from './SlotPicker';
import { todayInTokyo, tokyoDateOf } from '../../../../frontend-shared/dates/japan';

export function ChangeBookingPage() {
  return <BookingPage title={t('counter.change.title')} Form={ChangeForm} />;
}

function ChangeForm({ booking, locations, procedures, onReload, done, onDone }: BookingFormProps) {
  const { user } = useSession();
  const isAdmin = user?.roles.includes('admin') ?? false;
  const changeBooking = useChangeBooking();
  const bookedDay = tokyoDateOf(booking.start);
  const today = todayInTokyo();
  const [date, setDate] = useState(bookedDay < today ? today : bookedDay);
  const [slot, setSlot] = useState<CalendarSlot | null>(null);
  const [exceed, setExceed] = useState(false);
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState(booking.notes);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (done) document.getElementById('counter-change-done')?.focus();
  }, [done]);

  if (booking.status !== 'booked') {
    return (
      <BookingOutcome booking={booking} locations={locations} procedures={procedures}>
        <p role="alert" className="counter-problem">
          {t('counter.change.inactive', { status: statusLabel(booking.status) })}
        </p>
      </BookingOutcome>
    );
  }

  const slotShort = slot !== null && slot.remaining < booking.places;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setGeneral(null);
    setStale(false);
    const found: Record<string, string> = {};
    const notesChanged = notes.trim() !== booking.notes.trim();
    if (!slot && !notesChanged) found.start = 'counter.nothing';
    if (slot && slotShort && !(isAdmin && exceed)) found.start = 'form.beyond';
    if ([...notes.trim()].length > MAX_NOTES) found.notes = 'validation.too_long';
    if ([...reason.trim()].length > MAX_NOTES) found.reason = 'validation.too_long';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      await changeBooking.mutateAsync({
        params: { path: { reception_number: booking.reception_number } },
        body: {
          version: booking.version,
          start: slot?.start ?? null,
          notes: notesChanged ? notes.trim() : null,
          reason: reason.trim() === '' ? null : reason.trim(),
          beyond_capacity: isAdmin && exceed && slotShort,
        },
      });
      onDone();
    } catch (e) {
      const error: ApiError = asApiError(e);
      if (error.code === 'booking.changed_meanwhile') setStale(true);
      else {
        const byField: Record<string, string> = {};
        for (const fault of error.errors)
          byField[fault.field === 'notes' || fault.field === 'reason' ? fault.field : 'start'] = fault.code;
        if (error.code === 'booking.slot_full' || error.code === 'booking.in_past') byField.start = error.code;
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
    return code === 'counter.nothing' ? t('counter.change.nothing') : counterError(code);
  };
  const labels: Record<string, string> = {
    start: t('counter.change.newSlot'),
    notes: t('counter.change.notes'),
    reason: t('counter.change.reason'),
  };
  const summary = Object.keys(errors).map((path) => summaryItem(path, labels[path] ?? path, message(path) ?? ''));

  return (
    <>
      {done && (
        <p id="counter-change-done" className="notice" role="status" tabIndex={-1}>
          {t('counter.change.done')} <Link to={`/bookings/${booking.reception_number}`}>{t('counter.details')}</Link>
        </p>
      )}
      {stale && <Stale onReload={onReload} />}
      <ErrorSummary title={t('counter.errorSummary')} items={summary} general={general} focusKey={focusKey} />
      <div className="counter-two">
        <BookingSummary booking={booking} locations={locations} procedures={procedures} />
        <form onSubmit={submit} noValidate className="counter-form">
          <SlotPicker
            legend={t('counter.change.newSlot')}
            locationId={booking.location_id}
            procedureId={booking.procedure_id}
            party={booking.places}
            date={date}
            onDate={setDate}
            value={slot}
            onChange={setSlot}
            canExceed={isAdmin}
            exceed={exceed}
            onExceed={setExceed}
            current={booking.start}
            error={message('start')}
            focusId={fieldId('start')}
          />
          {slot && (
            <p>
              <button type="button" className="counter-secondary" onClick={() => setSlot(null)}>
                {t('counter.change.keepSlot')}
              </button>
            </p>
          )}
          <TextField
            path="reason"
            label={t('counter.change.reason')}
            required={false}
            value={reason}
            onChange={setReason}
            hint={t('counter.change.reason.hint')}
            error={message('reason')}
          />
          <NotesField label={t('counter.change.notes')} value={notes} onChange={setNotes} error={message('notes')} />
          <div className="counter-actions">
            <button type="submit" className="counter-submit" disabled={busy}>
              {busy ? t('counter.change.submitting') : t('counter.change.submit')}
            </button>
            <Link to={`/bookings/${booking.reception_number}`}>{t('counter.back')}</Link>
          </div>
        </form>
      </div>
    </>
  );
}
