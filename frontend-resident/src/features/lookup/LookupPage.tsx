import { useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { useSite } from '../../app/site';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { foldToAscii } from '../../../../frontend-shared/input/width';
import { t } from '../../i18n/t';
import { useLookup } from './api';
import { useLookupSession } from './session';

/** Reception numbers as people type them: full width, spaces or hyphens between digits. */
export function normaliseReceptionNumber(input: string): string {
  return foldToAscii(input).replace(/[\s-]/g, '');
}

export function LookupPage() {
  const site = useSite();
  const { setSession } = useLookupSession();
  const lookup = useLookup();
  const navigate = useNavigate();
  const expired = (useLocation().state as { expired?: boolean } | null)?.expired === true;
  const [reception, setReception] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const number = normaliseReceptionNumber(reception);
    const faults: Record<string, string> = {};
    if (!number) faults['lookup-reception'] = 'validation.required';
    if (!password.trim()) faults['lookup-password'] = 'validation.required';
    setErrors(faults);
    setError(null);
    const first = Object.keys(faults)[0];
    if (first) {
      requestAnimationFrame(() => document.getElementById(first)?.focus());
      return;
    }
    setSending(true);
    try {
      const found = await lookup.mutateAsync({
        params: { path: { tenant: site.slug } },
        body: { reception_number: number, password: foldToAscii(password).trim() },
      });
      setSession({ token: found.token, details: found.details, outcome: null });
      navigate('/lookup/booking');
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setSending(false);
    }
  }

  const items: SummaryItem[] = Object.entries(errors).map(([target, code]) => ({
    target,
    code,
    label: target === 'lookup-reception' ? t('lookup.reception') : t('lookup.password'),
  }));
  return (
    <Page title={t('lookup.heading')}>
      {expired && !error && (
        <p className="notice" role="status">
          {t('lookup.expired')}
        </p>
      )}
      <p>{t('lookup.lead')}</p>
      <ErrorSummary ref={summary} items={items} />
      {error && <ProblemAlert error={error} />}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field
          id="lookup-reception"
          label={t('lookup.reception')}
          required
          hint={t('lookup.receptionHint')}
          error={errors['lookup-reception']}
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
          id="lookup-password"
          label={t('lookup.password')}
          required
          hint={t('lookup.passwordHint')}
          error={errors['lookup-password']}
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
      <p className="muted">{t('lookup.forgot')}</p>
    </Page>
  );
}
