import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { ContactBox, hasPhone } from '../../components/Contact';
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

export function LookupPage() {
  const site = useSite();
  const { setSession } = useLookupSession();
  const lookup = useLookup();
  const navigate = useNavigate();
  const expired = (useLocation().state as { expired?: boolean } | null)?.expired === true;
  const [reception, setReception] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [errors, setErrors] = useState<Record<string, FieldFault>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

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
    try {
      const found = await lookup.mutateAsync({
        params: { path: { tenant: site.slug } },
        body: { reception_number: number.value, password: foldToAscii(password).trim() },
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
      {error && <ProblemAlert error={error} />}
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
