// 申込者情報の訂正: corrects who a booking is for — each applicant's name and reading,
// the phone number and the mail address — when the resident calls about a mistake. Only
// what changed is sent, with the version read and the reason, which the booking's
// history keeps beside each field's before and after.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { formatPhone } from '../../../../frontend-shared/phone/format';
import { BookingPage, FinishedOrRefused, Stale, type BookingFormProps } from './BookingPage';
import { BookingSummary, statusLabel } from './BookingSummary';
import { fieldId, type FormErrors } from './bookingForm';
import { useChangeBooking } from './api';
import {
  changedFields,
  checkCorrection,
  correctionDraft,
  correctionRequest,
  isCorrectionField,
  NOTHING,
  type CorrectionDraft,
} from './correction';
import { asApiError, counterError, problemMessage } from './errors';
import { Fieldset, summaryItem, TextField } from './fields';

export function CorrectBookingPage() {
  return <BookingPage title={t('counter.correct.title')} Form={CorrectForm} />;
}

function CorrectForm({ booking, locations, procedures, onReload, done, onDone }: BookingFormProps) {
  const changeBooking = useChangeBooking();
  const [draft, setDraft] = useState<CorrectionDraft>(() => correctionDraft(booking));
  const [errors, setErrors] = useState<FormErrors>({});
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
        doneText={t('counter.correct.done')}
        refusedText={t('counter.correct.inactive', { status: statusLabel(booking.status) })}
      />
    );
  }

  const several = booking.applicants.length > 1;
  const changed = new Set(changedFields(draft, booking));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setStale(false);
    const found = checkCorrection(draft, booking);
    const { [NOTHING]: nothing, ...byField } = found;
    setErrors(byField);
    setGeneral(nothing ? t('counter.correct.nothing') : null);
    if (Object.keys(found).length > 0) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      await changeBooking.mutateAsync({
        params: { path: { reception_number: booking.reception_number } },
        body: correctionRequest(draft, booking),
      });
      onDone();
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'booking.changed_meanwhile') setStale(true);
      else {
        const server: FormErrors = {};
        for (const fault of error.errors) if (isCorrectionField(fault.field)) server[fault.field] ??= fault.code;
        setErrors(server);
        if (Object.keys(server).length === 0) {
          // `applicants` (more entries than the booking has) names no field of this form.
          const code = error.errors.find((fault) => fault.field === 'applicants')?.code;
          setGeneral(
            error.code === 'booking.duplicate'
              ? t('counter.correct.duplicate')
              : code
                ? counterError(code)
                : problemMessage(error),
          );
        }
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  const setApplicant = (index: number, field: 'name' | 'name_kana', value: string) =>
    setDraft((d) => ({
      ...d,
      applicants: d.applicants.map((a, i) => (i === index ? { ...a, [field]: value } : a)),
    }));

  const message = (path: string) => (errors[path] ? counterError(errors[path]) : undefined);
  const personLabel = (index: number, field: 'name' | 'name_kana') => {
    const label = t(field === 'name' ? 'counter.new.name' : 'counter.new.nameKana');
    return several ? t('counter.correct.ofApplicant', { n: index + 1, field: label }) : label;
  };
  const label = (path: string): string => {
    const person = /^applicants\.(\d+)\.(name|name_kana)$/.exec(path);
    if (person) return personLabel(Number(person[1]), person[2] === 'name' ? 'name' : 'name_kana');
    if (path === 'phone') return t('counter.new.phone');
    if (path === 'email') return t('counter.new.email');
    if (path === 'reason') return t('counter.correct.reason');
    return path;
  };
  const summary = Object.keys(errors).map((path) => summaryItem(path, label(path), message(path) ?? ''));
  /** What the booking holds now, under each field, and whether the field differs from it. */
  const was = (path: string, value: string | null | undefined, extra?: string) => {
    const now = value ? t('counter.correct.was', { value }) : t('counter.correct.wasNone');
    const text = changed.has(path) ? `${now}${t('counter.correct.changedMark')}` : now;
    // Apart by an ideographic space (U+3000), as Japanese text sets two phrases apart.
    return extra ? `${text}\u3000${extra}` : text;
  };

  return (
    <>
      {stale && <Stale onReload={onReload} />}
      <ErrorSummary title={t('counter.errorSummary')} items={summary} general={general} focusKey={focusKey} />
      <div className="counter-two">
        <BookingSummary booking={booking} locations={locations} procedures={procedures} />
        <form onSubmit={submit} noValidate className="counter-form">
          <p className="counter-lead">{t('counter.correct.lead')}</p>
          {booking.applicants.map((a, i) => (
            <Fieldset
              key={i}
              legend={several ? t('counter.new.applicant', { n: i + 1 }) : t('counter.new.applicantOne')}
            >
              <CorrectionField
                path={`applicants.${i}.name`}
                label={t('counter.new.name')}
                value={draft.applicants[i]?.name ?? ''}
                onChange={(v) => setApplicant(i, 'name', v)}
                hint={was(`applicants.${i}.name`, a.name)}
                error={message(`applicants.${i}.name`)}
              />
              <CorrectionField
                path={`applicants.${i}.name_kana`}
                label={t('counter.new.nameKana')}
                value={draft.applicants[i]?.name_kana ?? ''}
                onChange={(v) => setApplicant(i, 'name_kana', v)}
                hint={was(`applicants.${i}.name_kana`, a.name_kana, t('counter.new.nameKana.hint'))}
                error={message(`applicants.${i}.name_kana`)}
              />
            </Fieldset>
          ))}
          <Fieldset legend={t('counter.new.contact')}>
            <CorrectionField
              path="phone"
              label={t('counter.new.phone')}
              value={draft.phone}
              onChange={(v) => setDraft((d) => ({ ...d, phone: v }))}
              hint={was('phone', booking.phone ? formatPhone(booking.phone) : null)}
              error={message('phone')}
              inputMode="tel"
            />
            <CorrectionField
              path="email"
              label={t('counter.new.email')}
              value={draft.email}
              onChange={(v) => setDraft((d) => ({ ...d, email: v }))}
              hint={was('email', booking.email)}
              error={message('email')}
              inputMode="email"
            />
          </Fieldset>
          <TextField
            path="reason"
            label={t('counter.correct.reason')}
            required
            value={draft.reason}
            onChange={(v) => setDraft((d) => ({ ...d, reason: v }))}
            hint={t('counter.correct.reason.hint')}
            error={message('reason')}
            wide
          />
          <div className="counter-actions">
            <button type="submit" className="counter-submit" disabled={busy}>
              {busy ? t('counter.correct.submitting') : t('counter.correct.submit')}
            </button>
            <Link to={`/bookings/${booking.reception_number}`}>{t('counter.back')}</Link>
          </div>
        </form>
      </div>
    </>
  );
}

/** A prefilled field of the correction: no 必須/任意 tag (nothing is asked anew; nothing can be emptied). */
function CorrectionField({
  path,
  label,
  value,
  onChange,
  hint,
  error,
  inputMode,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint: string;
  error: string | undefined;
  inputMode?: 'tel' | 'email';
}) {
  return (
    <Field id={fieldId(path)} label={label} hint={hint} error={error} className="counter-field">
      {(props) => (
        <input
          {...props}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          inputMode={inputMode}
        />
      )}
    </Field>
  );
}
