import { useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import type { Procedure } from '../../api/queries';
import { NotFoundPage } from '../../app/Layout';
import { useSite } from '../../app/site';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Furigana } from '../../components/Furigana';
import { Loading } from '../../components/Loading';
import { NoticeLetterFigure } from '../../components/NoticeLetterFigure';
import { Page } from '../../components/Page';
import { ProblemAlert, ProblemPage } from '../../components/ProblemAlert';
import { Steps } from '../../components/Steps';
import { validateApplicant, type ApplicantField, type FieldRules } from '../../../../frontend-shared/input/applicant';
import { formatDate, todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { Visit } from '../../components/Visit';
import { parseBirthDate, toWareki } from '../../../../frontend-shared/input/wareki';
import type { FieldFault } from '../../i18n/problems';
import { t } from '../../i18n/t';
import { dateFault } from '../../lib/dateFault';
import { focusField } from '../../lib/focus';
import { useChoice } from './choice';
import { useDraft, type ApplicantDraft, type ContactDraft, type ReturnedFault } from './draft';
import { HoldTimer } from './HoldTimer';
import { useHolds } from './api';
import { useAfterPress } from './useAfterPress';

const PERSON_FIELDS = ['management_number', 'name', 'name_kana', 'birth_date', 'address'] as const;
const CONTACT_FIELDS = ['phone', 'email'] as const;
type PersonField = (typeof PERSON_FIELDS)[number];
type ContactField = (typeof CONTACT_FIELDS)[number];

const INPUT: Record<
  ApplicantField,
  { type?: string; autoComplete: string; inputMode?: 'text' | 'tel' | 'email' | 'numeric' }
> = {
  management_number: { autoComplete: 'off' },
  name: { autoComplete: 'name' },
  name_kana: { autoComplete: 'off' },
  birth_date: { autoComplete: 'bday' },
  address: { autoComplete: 'street-address' },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
};

/** Field id of applicant `index`'s `field`, or of a contact field. */
export const fieldId = (field: ApplicantField, index?: number) =>
  index === undefined ? `contact-${field}` : `applicant-${index}-${field}`;

type Errors = Record<string, string>;

/** Every faulty field of the form, keyed by field id; the first applicant carries the contact. */
export function checkForm(
  applicants: ApplicantDraft[],
  contact: ContactDraft,
  rules: FieldRules,
  today: string,
): Errors {
  const errors: Errors = {};
  const personRules: FieldRules = { ...rules, phone: 'hidden', email: 'hidden' };
  applicants.forEach((applicant, index) => {
    for (const [field, code] of Object.entries(validateApplicant(applicant, personRules, today)))
      errors[fieldId(field as ApplicantField, index)] = code;
  });
  const contactRules: FieldRules = {
    ...rules,
    management_number: 'hidden',
    name: 'hidden',
    name_kana: 'hidden',
    birth_date: 'hidden',
    address: 'hidden',
  };
  for (const [field, code] of Object.entries(validateApplicant(contact, contactRules, today)))
    errors[fieldId(field as ApplicantField)] = code;
  return errors;
}

/**
 * checkForm's faults as the resident reads them: a date that does not exist is named as
 * such ("2月30日はありません") rather than as unreadable.
 */
export function formFaults(
  applicants: ApplicantDraft[],
  contact: ContactDraft,
  rules: FieldRules,
  today: string,
): Record<string, FieldFault> {
  return Object.fromEntries(
    Object.entries(checkForm(applicants, contact, rules, today)).map(([id, code]) => {
      const [, index] = /^applicant-(\d+)-birth_date$/.exec(id) ?? [];
      const typed = index === undefined ? undefined : applicants[Number(index)]?.birth_date;
      const fault = code === 'birth_date.invalid' && typed !== undefined ? dateFault(typed) : null;
      return [id, fault ?? { code }];
    }),
  );
}

const onlyShown = (faults: Record<string, FieldFault>, shown: Set<string>) =>
  Object.fromEntries(Object.entries(faults).filter(([id]) => shown.has(id)));

function BirthDateEcho({ value }: { value: string }) {
  const parsed = parseBirthDate(value, todayInTokyo());
  if (!value.trim() || !parsed.ok) return null;
  return (
    <p className="field-echo">
      {t('form.birthRead', { date: formatDate(parsed.iso).replace(/（.）$/, ''), wareki: toWareki(parsed.iso) })}
    </p>
  );
}

export function FormPage() {
  const { procedureId = '', locationId = '' } = useParams();
  const site = useSite();
  const choice = useChoice(procedureId, locationId);
  const { draft, update } = useDraft();
  const navigate = useNavigate();
  const holds = useHolds(site.slug);
  // A field the server refused on the confirmation page (a mail address sent to too often today).
  const returned = (useLocation().state as ReturnedFault | null)?.fault;
  const [errors, setErrors] = useState<Record<string, FieldFault>>(() =>
    returned ? { [returned.field]: { code: returned.code } } : {},
  );
  const [touched, setTouched] = useState<Set<string>>(() => new Set(returned ? [returned.field] : []));
  const [holdError, setHoldError] = useState<ApiError | null>(null);
  const [retaking, setRetaking] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // Each field is checked as it is left, but not under a pressed pointer (see useAfterPress).
  const leave = useAfterPress((id: string) => {
    const fields = choice.procedure?.fields as FieldRules | undefined;
    if (!fields) return;
    const shown = new Set(touched).add(id);
    setTouched(shown);
    setErrors(onlyShown(formFaults(draft.applicants, draft.contact, fields, todayInTokyo()), shown));
  });

  if (!draft.slot || draft.procedureId !== procedureId || draft.locationId !== locationId)
    return <Navigate to={`/book/${procedureId}/${locationId}`} replace />;
  if (choice.pending) return <Loading />;
  if (choice.error) return <ProblemPage error={choice.error} retry={choice.retry} />;
  if (!choice.procedure || !choice.location) return <NotFoundPage />;
  const procedure: Procedure = choice.procedure;
  const rules = procedure.fields as FieldRules;
  const slot = draft.slot;
  const today = todayInTokyo();

  function recheck(nextApplicants = draft.applicants, nextContact = draft.contact) {
    setErrors(onlyShown(formFaults(nextApplicants, nextContact, rules, today), touched));
  }

  function setPerson(index: number, field: PersonField, value: string) {
    const applicants = draft.applicants.map((a, i) => (i === index ? { ...a, [field]: value } : a));
    update({ applicants });
    if (errors[fieldId(field, index)]) recheck(applicants);
  }

  function setContact(field: ContactField, value: string) {
    const contact = { ...draft.contact, [field]: value };
    update({ contact });
    if (errors[fieldId(field)]) recheck(draft.applicants, contact);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const all = formFaults(draft.applicants, draft.contact, rules, today);
    setTouched(new Set(Object.keys(all)));
    setErrors(all);
    const first = Object.keys(all)[0];
    if (first) {
      // The summary is announced (role=alert); focus goes to the first faulty field.
      requestAnimationFrame(() => focusField(first));
      return;
    }
    navigate(`/book/${procedureId}/${locationId}/confirm`);
  }

  async function retake() {
    if (retaking) return;
    setRetaking(true);
    setHoldError(null);
    try {
      const hold = await holds.take(locationId, procedureId, slot, draft.party);
      holds.release(draft.hold);
      update({ hold });
    } catch (caught) {
      setHoldError(caught as ApiError);
    } finally {
      setRetaking(false);
    }
  }

  const label = (field: ApplicantField) => t(`field.${field}`);
  const summaryItems: SummaryItem[] = Object.entries(errors).map(([target, fault]) => {
    const [, index, field] = /^applicant-(\d+)-(\w+)$/.exec(target) ?? [];
    const name = field ? label(field as ApplicantField) : label(target.replace('contact-', '') as ApplicantField);
    return {
      target,
      fault,
      label: index !== undefined && draft.party > 1 ? `${t('form.person', { n: Number(index) + 1 })} ${name}` : name,
    };
  });

  function input(field: ApplicantField, id: string, value: string, onChange: (value: string) => void) {
    const required = rules[field] === 'required';
    const hint = t(`hint.${field}`, { name: site.name });
    return (
      <Field key={id} id={id} label={label(field)} required={required} hint={hint} error={errors[id]}>
        {(control) => (
          <>
            <input
              {...control}
              name={id}
              type={INPUT[field].type ?? 'text'}
              autoComplete={INPUT[field].autoComplete}
              inputMode={INPUT[field].inputMode}
              spellCheck={false}
              autoCapitalize={field === 'management_number' ? 'characters' : undefined}
              value={value}
              onChange={(event) => onChange(event.target.value)}
              onBlur={() => leave(id)}
            />
            {field === 'birth_date' && <BirthDateEcho value={value} />}
            {field === 'management_number' && (
              <details className="where">
                <summary>
                  <Furigana text={t('form.whereIsNumber')} />
                </summary>
                <NoticeLetterFigure />
                <p>
                  <Furigana text={t('form.noLetter')} />
                </p>
              </details>
            )}
          </>
        )}
      </Field>
    );
  }

  const personFields = PERSON_FIELDS.filter((field) => rules[field] !== 'hidden');
  const contactFields = CONTACT_FIELDS.filter((field) => rules[field] !== 'hidden');

  return (
    <Page title={t('form.heading')}>
      <Steps current={2} />
      <div className="panel">
        <p className="chosen-label">{t('form.selected')}</p>
        <p className="chosen">
          {procedure.name}（{choice.location.name}）
          <br />
          <strong>
            <Visit start={slot.start} end={slot.end} />
          </strong>
        </p>
        <Link to={`/book/${procedureId}/${locationId}`}>{t('form.changeSlot')}</Link>
      </div>
      {draft.hold && <HoldTimer key={draft.hold.id} hold={draft.hold} onRetake={() => void retake()} busy={retaking} />}
      {holdError && <ProblemAlert error={holdError} />}
      {site.booking.pii_free && <p className="muted">{t('form.piiFree', { name: site.name })}</p>}
      <ErrorSummary ref={summary} items={summaryItems} />
      <form noValidate onSubmit={submit}>
        {draft.applicants.map((applicant, index) =>
          draft.party > 1 ? (
            <fieldset key={index} className="person">
              <legend>{t('form.person', { n: index + 1 })}</legend>
              {personFields.map((field) =>
                input(field, fieldId(field, index), applicant[field], (value) => setPerson(index, field, value)),
              )}
            </fieldset>
          ) : (
            <div key={index}>
              {personFields.map((field) =>
                input(field, fieldId(field, index), applicant[field], (value) => setPerson(index, field, value)),
              )}
            </div>
          ),
        )}
        {contactFields.length > 0 && (
          <fieldset className="person">
            <legend>{t('form.contact')}</legend>
            {contactFields.map((field) =>
              input(field, fieldId(field), draft.contact[field], (value) => setContact(field, value)),
            )}
          </fieldset>
        )}
        <div className="actions">
          <button type="submit">{t('form.next')}</button>
        </div>
      </form>
    </Page>
  );
}
