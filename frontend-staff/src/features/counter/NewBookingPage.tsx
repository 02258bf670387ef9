// 代行予約 (CC-01, CC-02): the call center books on a resident's behalf while on the
// phone. Keyboard first: selects, a slot finder, the procedure's fields, Enter sends.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import {
  bookingRequest,
  checkBookingForm,
  effectiveRules,
  emptyApplicant,
  fieldId,
  PERSON_FIELDS,
  resizeParty,
  type ApplicantDraft,
  type FormErrors,
  type PersonField,
} from './bookingForm';
import { useCatalog, useCreateBooking, type CalendarSlot, type Procedure } from './api';
import { asApiError, counterError, problemMessage } from './errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Fieldset, NotesField, TextField, summaryItem } from './fields';
import { ContactFacts, SlotFacts } from './BookingSummary';
import { displayReceptionNumber } from './reception';
import { SlotPicker, useFirstOpenDay } from './SlotPicker';
import { todayInTokyo } from '../../../../frontend-shared/dates/japan';
import type { components } from '../../api/schema';
import './counter.css';

type Created = components['schemas']['StaffBookingCreated'];

const PERSON_LABELS: Record<PersonField, Parameters<typeof t>[0]> = {
  management_number: 'counter.new.managementNumber',
  name: 'counter.new.name',
  name_kana: 'counter.new.nameKana',
  birth_date: 'counter.new.birthDate',
  address: 'counter.new.address',
};
const PERSON_HINTS: Partial<Record<PersonField, Parameters<typeof t>[0]>> = {
  management_number: 'counter.new.managementNumber.hint',
  name: 'counter.new.name.hint',
  name_kana: 'counter.new.nameKana.hint',
  birth_date: 'counter.new.birthDate.hint',
};

/** The label of an API field path, for the error summary. */
export function fieldLabel(path: string, party: number): string {
  const person = /^applicants\.(\d+)\.(\w+)$/.exec(path);
  if (person) {
    const label = t(PERSON_LABELS[person[2] as PersonField] ?? 'counter.new.applicantOne');
    return party > 1 ? `${t('counter.new.applicant', { n: Number(person[1]) + 1 })} ${label}` : label;
  }
  const labels: Record<string, Parameters<typeof t>[0]> = {
    procedure_id: 'counter.new.procedure',
    location_id: 'counter.new.location',
    start: 'counter.new.slot',
    phone: 'counter.new.phone',
    email: 'counter.new.email',
    notes: 'counter.new.notes',
    applicants: 'counter.new.party',
  };
  return t(labels[path] ?? 'counter.new.slot');
}

export function NewBookingPage() {
  const { user } = useSession();
  const isAdmin = user?.roles.includes('admin') ?? false;
  const catalog = useCatalog();
  const createBooking = useCreateBooking();
  const [procedureId, setProcedureId] = useState('');
  const [locationId, setLocationId] = useState('');
  const [party, setParty] = useState(1);
  const [date, setDate] = useState(todayInTokyo());
  const [dateTouched, setDateTouched] = useState(false);
  const [slot, setSlot] = useState<CalendarSlot | null>(null);
  const [exceed, setExceed] = useState(false);
  const [applicants, setApplicants] = useState<ApplicantDraft[]>([emptyApplicant()]);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [notes, setNotes] = useState('');
  const [withoutLetter, setWithoutLetter] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const procedure: Procedure | undefined = catalog.procedures.find((p) => p.id === procedureId);
  const locations = useMemo(
    () => catalog.locations.filter((l) => !procedure || procedure.location_ids.includes(l.id)),
    [catalog.locations, procedure],
  );

  // Start with the first procedure and a location offering it: most calls are about it.
  // (Set while rendering, as state that follows other state: React renders again at once.)
  if (!procedureId && catalog.procedures[0]) setProcedureId(catalog.procedures[0].id);
  const firstLocation = locations[0]?.id ?? '';
  if (procedure && !procedure.location_ids.includes(locationId) && locationId !== firstLocation)
    setLocationId(firstLocation);

  const firstOpen = useFirstOpenDay(locationId, procedureId);
  if (firstOpen && !dateTouched && date !== firstOpen) setDate(firstOpen);

  const maxParty = Math.max(1, procedure?.max_applicants ?? 1);
  const rules = procedure ? effectiveRules(procedure.fields, withoutLetter) : null;
  const slotShort = slot !== null && slot.remaining < party;

  function changeProcedure(id: string) {
    setProcedureId(id);
    setSlot(null);
    setDateTouched(false);
    const next = catalog.procedures.find((p) => p.id === id);
    if (next && party > next.max_applicants) {
      setParty(Math.max(1, next.max_applicants));
      setApplicants((list) => resizeParty(list, Math.max(1, next.max_applicants)));
    }
    if (next?.fields.management_number === 'hidden') setWithoutLetter(false);
  }
  function changeLocation(id: string) {
    setLocationId(id);
    setSlot(null);
    setDateTouched(false);
  }
  function changeParty(size: number) {
    setParty(size);
    setApplicants((list) => resizeParty(list, size));
  }
  function changeDate(next: string) {
    setDate(next);
    setDateTouched(true);
  }
  function setPerson(index: number, field: PersonField, value: string) {
    setApplicants((list) => list.map((a, i) => (i === index ? { ...a, [field]: value } : a)));
  }

  const draft = {
    procedureId,
    locationId,
    start: slot?.start ?? '',
    applicants,
    phone,
    email,
    notes,
    withoutLetter,
    beyondCapacity: isAdmin && exceed,
    slotShort,
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setGeneral(null);
    const found = checkBookingForm(draft, procedure?.fields ?? null, todayInTokyo());
    setErrors(found);
    if (Object.keys(found).length > 0 || !procedure) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const answer = await createBooking.mutateAsync({
        body: bookingRequest(draft, effectiveRules(procedure.fields, withoutLetter)),
      });
      setCreated(answer);
    } catch (e) {
      const error = asApiError(e);
      const byField: FormErrors = {};
      for (const fault of error.errors) if (!(fault.field in byField)) byField[fault.field || 'start'] = fault.code;
      if (error.code === 'booking.slot_full' || error.code === 'booking.in_past') {
        byField.start = error.code;
        setSlot(null);
      }
      setErrors(byField);
      if (Object.keys(byField).length === 0 || !['validation.failed', 'ledger.not_ready'].includes(error.code))
        setGeneral(problemMessage(error));
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setCreated(null);
    setSlot(null);
    setExceed(false);
    setApplicants(resizeParty([], party));
    setPhone('');
    setEmail('');
    setNotes('');
    setWithoutLetter(false);
    setErrors({});
    setGeneral(null);
  }

  if (created)
    return (
      <Done
        created={created}
        procedure={procedure?.name ?? ''}
        location={catalog.locations.find((l) => l.id === created.booking.location_id)?.name ?? ''}
        onAnother={another}
      />
    );

  const message = (path: string) => (errors[path] ? counterError(errors[path]) : undefined);
  // Faults of the whole party point at the party size; anything else unknown at the slot.
  const target = (path: string) =>
    path === 'applicants'
      ? 'party'
      : /^(procedure_id|location_id|start|phone|email|notes|applicants\.\d+\.\w+)$/.test(path)
        ? path
        : 'start';
  const summary = Object.entries(errors).map(([path, code]) =>
    summaryItem(target(path), fieldLabel(path, party), counterError(code)),
  );

  return (
    <section aria-labelledby="page-heading" className="counter-page">
      <h1 id="page-heading">{t('counter.new.title')}</h1>
      <p>{t('counter.new.lead')}</p>
      {catalog.error && (
        <p role="alert" className="error-summary">
          {problemMessage(asApiError(catalog.error))}
        </p>
      )}
      {catalog.loading && !catalog.error && <p role="status">{t('counter.loading')}</p>}
      <ErrorSummary title={t('counter.errorSummary')} items={summary} general={general} focusKey={focusKey} />
      <form onSubmit={submit} noValidate className="counter-form">
        <Fieldset legend={t('counter.new.what')}>
          <div className="counter-row">
            <div className="field counter-field">
              <label htmlFor={fieldId('procedure_id')}>{t('counter.new.procedure')}</label>
              <select
                id={fieldId('procedure_id')}
                className="counter-select"
                value={procedureId}
                onChange={(e) => changeProcedure(e.target.value)}
                aria-invalid={errors.procedure_id ? true : undefined}
              >
                {catalog.procedures.length === 0 && <option value="">{t('counter.new.choose')}</option>}
                {catalog.procedures.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              {message('procedure_id') && <span className="field-error">{message('procedure_id')}</span>}
            </div>
            <div className="field counter-field">
              <label htmlFor={fieldId('location_id')}>{t('counter.new.location')}</label>
              <select
                id={fieldId('location_id')}
                className="counter-select"
                value={locationId}
                onChange={(e) => changeLocation(e.target.value)}
                aria-invalid={errors.location_id ? true : undefined}
              >
                {locations.length === 0 && <option value="">{t('counter.new.choose')}</option>}
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
              {message('location_id') && <span className="field-error">{message('location_id')}</span>}
            </div>
            <div className="field counter-field counter-field-narrow">
              <label htmlFor={fieldId('party')}>{t('counter.new.party')}</label>
              <select
                id={fieldId('party')}
                className="counter-select"
                value={party}
                onChange={(e) => changeParty(Number(e.target.value))}
              >
                {Array.from({ length: maxParty }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {t('counter.person', { n })}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </Fieldset>

        <SlotPicker
          legend={t('counter.new.slot')}
          locationId={locationId}
          procedureId={procedureId}
          party={party}
          date={date}
          onDate={changeDate}
          value={slot}
          onChange={setSlot}
          canExceed={isAdmin}
          exceed={exceed}
          onExceed={setExceed}
          error={message('start')}
          focusId={fieldId('start')}
        />

        {procedure && rules && (
          <>
            {procedure.fields.management_number === 'required' && (
              <div className="counter-check counter-letter">
                <input
                  id={fieldId('without_letter')}
                  type="checkbox"
                  checked={withoutLetter}
                  onChange={(e) => setWithoutLetter(e.target.checked)}
                  aria-describedby={`${fieldId('without_letter')}-hint`}
                />
                <label htmlFor={fieldId('without_letter')}>{t('counter.new.withoutLetter')}</label>
                <span id={`${fieldId('without_letter')}-hint`} className="hint">
                  {t('counter.new.withoutLetter.hint')}
                </span>
              </div>
            )}
            {applicants.map((applicant, index) => (
              <Fieldset
                key={index}
                legend={party > 1 ? t('counter.new.applicant', { n: index + 1 }) : t('counter.new.applicantOne')}
              >
                <div className="counter-grid">
                  {PERSON_FIELDS.filter((field) => rules[field] !== 'hidden').map((field) => {
                    const path = `applicants.${index}.${field}`;
                    const hint = PERSON_HINTS[field];
                    return (
                      <TextField
                        key={field}
                        path={path}
                        label={t(PERSON_LABELS[field])}
                        required={rules[field] === 'required'}
                        value={applicant[field]}
                        onChange={(v) => setPerson(index, field, v)}
                        hint={hint ? t(hint) : undefined}
                        error={message(path)}
                        wide={field === 'address'}
                      />
                    );
                  })}
                </div>
              </Fieldset>
            ))}
            {(rules.phone !== 'hidden' || rules.email !== 'hidden') && (
              <Fieldset legend={t('counter.new.contact')}>
                <div className="counter-grid">
                  {rules.phone !== 'hidden' && (
                    <TextField
                      path="phone"
                      label={t('counter.new.phone')}
                      required={rules.phone === 'required'}
                      value={phone}
                      onChange={setPhone}
                      hint={t('counter.new.phone.hint')}
                      error={message('phone')}
                      type="tel"
                      inputMode="tel"
                    />
                  )}
                  {rules.email !== 'hidden' && (
                    <TextField
                      path="email"
                      label={t('counter.new.email')}
                      required={rules.email === 'required'}
                      value={email}
                      onChange={setEmail}
                      hint={t('counter.new.email.hint')}
                      error={message('email')}
                      type="email"
                      inputMode="email"
                    />
                  )}
                </div>
              </Fieldset>
            )}
          </>
        )}

        <NotesField
          label={t('counter.new.notes')}
          value={notes}
          onChange={setNotes}
          error={message('notes')}
          flagTooLong
        />

        <button type="submit" className="counter-submit" disabled={busy || !procedure}>
          {busy ? t('counter.new.submitting') : t('counter.new.submit')}
        </button>
      </form>
    </section>
  );
}

function Done({
  created,
  procedure,
  location,
  onAnother,
}: {
  created: Created;
  procedure: string;
  location: string;
  onAnother: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const b = created.booking;
  return (
    <section aria-labelledby="page-heading" className="counter-page">
      <h1 id="page-heading" tabIndex={-1} ref={heading}>
        {t('counter.done.title')}
      </h1>
      <p>{t('counter.done.lead')}</p>
      <div className="counter-done">
        <div className="counter-done-item">
          <span className="counter-done-label">{t('counter.done.number')}</span>
          <span className="counter-done-value" data-testid="reception-number">
            {displayReceptionNumber(created.reception_number)}
          </span>
        </div>
        <div className="counter-done-item">
          <span className="counter-done-label">{t('counter.done.password')}</span>
          <span className="counter-done-value counter-password" data-testid="password">
            {created.password}
          </span>
        </div>
      </div>
      <p className="hint">{t('counter.done.passwordHint')}</p>
      <dl className="counter-done-details">
        <SlotFacts booking={b} procedure={procedure} location={location} />
        <ContactFacts booking={b} />
      </dl>
      <div className="counter-actions">
        <Link className="counter-link-button" to={`/bookings/${created.reception_number}`}>
          {t('counter.details')}
        </Link>
        <button type="button" onClick={onAnother}>
          {t('counter.done.another')}
        </button>
      </div>
    </section>
  );
}
