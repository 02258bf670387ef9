import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { components } from '../../api/client';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { NotFoundPage } from '../../app/Layout';
import { useSite } from '../../app/site';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemAlert, ProblemPage } from '../../components/ProblemAlert';
import { Steps } from '../../components/Steps';
import { fieldMessage } from '../../i18n/problems';
import { ja, type MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import type { ApplicantField, FieldRules } from '../../../../frontend-shared/input/applicant';
import { todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { Furigana } from '../../components/Furigana';
import { hasPhone, PhoneAndHours } from '../../components/Contact';
import { Visit } from '../../components/Visit';
import { storedText } from '../../lib/stored';
import { useCreateBooking } from './api';
import { useChoice } from './choice';
import { useDraft, type ApplicantDraft, type ContactDraft, type ReturnedFault } from './draft';

type BookingRequest = components['schemas']['BookingRequest'];
const PERSON_FIELDS = ['management_number', 'name', 'name_kana', 'birth_date', 'address'] as const;

/** The request as the API takes it: fields not asked are left out, empty optional ones are null. */
export function bookingRequest(
  procedureId: string,
  locationId: string,
  start: string,
  holdId: string | null,
  applicants: ApplicantDraft[],
  contact: ContactDraft,
  rules: FieldRules,
): BookingRequest {
  const value = (field: ApplicantField, text: string) =>
    rules[field] === 'hidden' || text.trim() === '' ? null : text.trim();
  return {
    location_id: locationId,
    procedure_id: procedureId,
    start,
    hold_id: holdId,
    applicants: applicants.map((applicant) =>
      Object.fromEntries(
        PERSON_FIELDS.filter((field) => rules[field] !== 'hidden').map((field) => [
          field,
          value(field, applicant[field]),
        ]),
      ),
    ),
    phone: value('phone', contact.phone),
    email: value('email', contact.email),
  };
}

/** `applicants.1.birth_date` → 「2人目の方 生年月日」; `phone` → 「電話番号」. */
export function faultLabel(field: string, party: number): string {
  const [, index, name] = /^applicants\.(\d+)\.(\w+)$/.exec(field) ?? [];
  const key = `field.${name ?? field}`;
  const label = key in ja ? t(key as MessageKey) : field;
  return index !== undefined && party > 1 ? `${t('form.person', { n: Number(index) + 1 })} ${label}` : label;
}

/** What the server will store for `field`, shown back for the resident to confirm. */
function shown(field: ApplicantField, text: string): string {
  if (!text.trim()) return t('confirm.empty');
  return storedText(field, text, todayInTokyo()) ?? text.trim();
}

/** The form, told to point at the mail address that may be sent no more today. */
const MAIL_LIMITED: ReturnedFault = { fault: { field: 'contact-email', code: 'booking.mail_limited' } };

/** Names, readings and codes break only at a space (between family and given name), not inside. */
const WHOLE_WORDS: ReadonlySet<ApplicantField> = new Set(['name', 'name_kana', 'email', 'management_number', 'phone']);

export function ConfirmPage() {
  const { procedureId = '', locationId = '' } = useParams();
  const site = useSite();
  const choice = useChoice(procedureId, locationId);
  const { draft, booked } = useDraft();
  const navigate = useNavigate();
  const createBooking = useCreateBooking();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // Just booked: the draft is cleared, and the completion page is where this ends.
  if (draft.created) return <Navigate to="/book/done" replace />;
  if (!draft.slot || draft.procedureId !== procedureId || draft.locationId !== locationId)
    return <Navigate to={`/book/${procedureId}/${locationId}`} replace />;
  if (choice.pending) return <Loading />;
  if (choice.error) return <ProblemPage error={choice.error} retry={choice.retry} />;
  if (!choice.procedure || !choice.location) return <NotFoundPage />;
  const { procedure, location } = choice;
  const rules = procedure.fields as FieldRules;
  const slot = draft.slot;

  async function book() {
    setSending(true);
    setError(null);
    try {
      const body = bookingRequest(
        procedureId,
        locationId,
        slot.start,
        draft.hold?.id ?? null,
        draft.applicants,
        draft.contact,
        rules,
      );
      const created = await createBooking.mutateAsync({ params: { path: { tenant: site.slug } }, body });
      booked(created);
      navigate('/book/done', { replace: true });
    } catch (caught) {
      setError(caught as ApiError);
      setSending(false);
    }
  }

  const slotProblem =
    error &&
    [
      'booking.slot_full',
      'booking.window_closed',
      'booking.window_not_open',
      'booking.closed_day',
      'booking.outside_hours',
      'booking.outside_period',
      'booking.in_past',
    ].includes(error.code);
  const fields = PERSON_FIELDS.filter((field) => rules[field] !== 'hidden');
  return (
    <Page title={t('confirm.heading')}>
      <Steps current={3} />
      <p>{t('confirm.lead')}</p>
      <dl className="summary">
        <dt>{t('confirm.procedure')}</dt>
        <dd>{procedure.name}</dd>
        <dt>{t('confirm.location')}</dt>
        <dd>
          {location.name}
          {location.address && <span className="muted">（{location.address}）</span>}
        </dd>
        <dt>{t('confirm.when')}</dt>
        <dd>
          <strong>
            <Visit start={slot.start} end={slot.end} />
          </strong>
        </dd>
        <dt>{t('confirm.people')}</dt>
        <dd>{t('confirm.peopleCount', { count: draft.party })}</dd>
      </dl>
      {draft.applicants.map((applicant, index) => (
        <section key={index} aria-label={t('form.person', { n: index + 1 })}>
          {draft.party > 1 && <h2 className="subheading">{t('form.person', { n: index + 1 })}</h2>}
          <dl className="summary">
            {fields.map((field) => (
              <div key={field} className="summary-row">
                <dt>
                  <Furigana text={t(`field.${field}`)} />
                </dt>
                <dd className={WHOLE_WORDS.has(field) ? 'keep-words' : undefined}>{shown(field, applicant[field])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {(['phone', 'email'] as const).some((field) => rules[field] !== 'hidden') && (
        <section aria-label={t('form.contact')}>
          <h2 className="subheading">{t('form.contact')}</h2>
          <dl className="summary">
            {(['phone', 'email'] as const)
              .filter((field) => rules[field] !== 'hidden')
              .map((field) => (
                <div key={field} className="summary-row">
                  <dt>{t(`field.${field}`)}</dt>
                  <dd className="keep-words">{shown(field, draft.contact[field])}</dd>
                </div>
              ))}
          </dl>
        </section>
      )}
      {error && (
        <ProblemAlert error={error}>
          {error.errors.length > 0 && (
            <ul>
              {error.errors.map((fault) => (
                <li key={fault.field}>
                  <Furigana text={faultLabel(fault.field, draft.party)} />：{fieldMessage(fault.code)}
                </li>
              ))}
            </ul>
          )}
          {slotProblem && <Link to={`/book/${procedureId}/${locationId}`}>{t('confirm.chooseAgain')}</Link>}
          {error.code === 'booking.duplicate' && (
            <>
              <Link to="/lookup">{t('confirm.lookup')}</Link>
              {hasPhone(site.contact) && <PhoneAndHours contact={site.contact} />}
            </>
          )}
          {error.code === 'booking.mail_limited' && (
            <>
              <Link to={`/book/${procedureId}/${locationId}/form`} state={MAIL_LIMITED}>
                {t('confirm.changeEmail')}
              </Link>
              {hasPhone(site.contact) && <PhoneAndHours contact={site.contact} />}
            </>
          )}
        </ProblemAlert>
      )}
      <div className="actions">
        <button type="button" onClick={() => void book()} disabled={sending}>
          {sending ? t('confirm.sending') : t('confirm.submit')}
        </button>
        <Link className="button secondary" to={`/book/${procedureId}/${locationId}/form`}>
          {t('confirm.fix')}
        </Link>
      </div>
    </Page>
  );
}
