import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { ContactBox, hasPhone, PhoneAndHours } from '../../components/Contact';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { foldToAscii } from '../../../../frontend-shared/input/width';
import type { FieldFault } from '../../i18n/problems';
import { t } from '../../i18n/t';
import { focusField } from '../../lib/focus';
import { checkReceptionNumber } from '../../lib/reception';
import { useLookup } from './api';
import { useLookupSession } from './session';

const RECEPTION = 'lookup-reception';
const PASSWORD = 'lookup-password';
/** The form's fields by the names the API gives them in its field errors. */
const FIELD_IDS: Record<string, string> = { reception_number: RECEPTION, password: PASSWORD };

/** What the link in a booking's mail brings: `?n={reception number}&k={mail key}`. */
export interface MailLink {
  /** The reception number, as the link wrote it, for the field. */
  number: string;
  /** The mail key, when it looks like one (URL-safe base64, at most 64 characters). */
  key: string | null;
}

export function readMailLink(search: URLSearchParams): MailLink {
  const key = search.get('k')?.trim() ?? '';
  return {
    number: (search.get('n') ?? '').trim().slice(0, 40),
    key: /^[A-Za-z0-9_-]{1,64}$/.test(key) ? key : null,
  };
}

export function LookupPage() {
  const site = useSite();
  const { setSession } = useLookupSession();
  const lookup = useLookup();
  const navigate = useNavigate();
  const location = useLocation();
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;
  const [search, setSearch] = useSearchParams();
  // Read once from the mail's link. The key is never shown, and lives only as long as this
  // page: it lets the owner past the ceiling of failed look-ups of the number, which a
  // stranger may have used up, and goes with the look-up of that number only.
  const [link] = useState(() => readMailLink(search));
  const [reception, setReception] = useState(link.number);
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [errors, setErrors] = useState<Record<string, FieldFault>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  // Out of the address bar once read: not left in the history, a bookmark or a shared address.
  useEffect(() => {
    if (!search.has('n') && !search.has('k')) return;
    const rest = new URLSearchParams(search);
    rest.delete('n');
    rest.delete('k');
    setSearch(rest, { replace: true, state: location.state as unknown });
  }, [search, setSearch, location.state]);

  /** Names the faults beside their fields and in the summary, and goes to the first. */
  function show(faults: Record<string, FieldFault>): boolean {
    setErrors(faults);
    const first = [RECEPTION, PASSWORD].find((id) => faults[id]);
    if (first) requestAnimationFrame(() => focusField(first));
    return first !== undefined;
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const number = checkReceptionNumber(reception);
    const faults: Record<string, FieldFault> = {};
    if (!number.ok) faults[RECEPTION] = number.fault;
    if (!password.trim()) faults[PASSWORD] = { code: 'validation.required' };
    setError(null);
    if (show(faults) || !number.ok) return;
    setSending(true);
    const linked = link.key !== null && checkReceptionNumber(link.number);
    const mailKey = linked && linked.ok && linked.value === number.value ? link.key : null;
    try {
      const found = await lookup.mutateAsync({
        params: { path: { tenant: site.slug } },
        body: {
          reception_number: number.value,
          password: foldToAscii(password).trim(),
          ...(mailKey ? { mail_key: mailKey } : {}),
        },
      });
      setSession({
        token: found.token,
        expiresAt: Date.now() + found.expires_in * 1000,
        details: found.details,
        outcome: null,
      });
      // The number in the address lets a reload fetch the booking again with the kept token.
      navigate(`/lookup/booking/${found.details.booking.reception_number}`);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(0, 'network');
      // Field errors the checks above missed (the server's rules moved on) go beside their fields.
      const named = Object.fromEntries(
        failure.errors.flatMap((fault) => {
          const id = FIELD_IDS[fault.field];
          return id ? [[id, { code: fault.code }]] : [];
        }),
      );
      if (!show(named)) setError(failure);
    } finally {
      setSending(false);
    }
  }

  const items: SummaryItem[] = Object.entries(errors).map(([target, fault]) => ({
    target,
    fault,
    label: target === RECEPTION ? t('lookup.reception') : t('lookup.password'),
  }));
  return (
    <Page title={t('lookup.heading')}>
      {expired && !error && (
        <p className="notice" role="status">
          {t('lookup.expired')}
        </p>
      )}
      <p>{t('lookup.lead')}</p>
      <ErrorSummary items={items} />
      {error && (
        <ProblemAlert error={error}>
          {error.code === 'booking.lookup_limited' && hasPhone(site.contact) && (
            <PhoneAndHours contact={site.contact} />
          )}
        </ProblemAlert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field
          id={RECEPTION}
          label={t('lookup.reception')}
          required
          hint={t('lookup.receptionHint')}
          error={errors[RECEPTION]}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="off"
              value={reception}
              onChange={(event) => setReception(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={PASSWORD}
          label={t('lookup.password')}
          required
          hint={t('lookup.passwordHint')}
          error={errors[PASSWORD]}
        >
          {(control) => (
            <input
              {...control}
              type={reveal ? 'text' : 'password'}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <div className="checkbox">
          <input
            id="lookup-reveal"
            type="checkbox"
            checked={reveal}
            onChange={(event) => setReveal(event.target.checked)}
          />
          <label htmlFor="lookup-reveal">{t('lookup.show')}</label>
        </div>
        <div className="actions">
          <button type="submit" disabled={sending}>
            {t('lookup.submit')}
          </button>
        </div>
      </form>
      {hasPhone(site.contact) ? (
        <ContactBox contact={site.contact} lead={t('contact.lookup')} />
      ) : (
        <p className="muted">{t('lookup.forgot')}</p>
      )}
    </Page>
  );
}
