import { useId, useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../../frontend-shared/api/problem';
import { useSession } from './session';
import { ErrorSummary } from '../components/ErrorSummary';
import { apiErrorMessage, errorMessage, t } from '../i18n/t';

const LAST_TENANT = 'madoguchi.staff.tenant';

export function SignIn() {
  const { signIn, lastSignOut } = useSession();
  const [tenant, setTenant] = useState(() => localStorage.getItem(LAST_TENANT) ?? '');
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { tenant: useId(), loginId: useId(), password: useId(), hint: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(tenant.trim(), loginId.trim(), password);
      localStorage.setItem(LAST_TENANT, tenant.trim());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'generic'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => fieldErrors(error, field)[0];
  const notice =
    lastSignOut === 'idle'
      ? t('signIn.idleEnded')
      : lastSignOut === 'user'
        ? t('signIn.signedOut')
        : lastSignOut === 'expired'
          ? errorMessage('auth.session_expired')
          : null;

  return (
    <main id="main" className="sign-in">
      <h1>
        {t('app.title')} {t('signIn.heading')}
      </h1>
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {/* Focus moves to the summary once it is on screen, so that it is read out and the keyboard user starts again from there. */}
      {error && <ErrorSummary title={t('signIn.errorSummary')} general={apiErrorMessage(error)} focusKey={error} />}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.tenant}>{t('signIn.tenant')}</label>
          <span id={ids.hint} className="hint">
            {t('signIn.tenant.hint')}
          </span>
          <input
            id={ids.tenant}
            name="tenant"
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            autoComplete="organization"
            aria-describedby={ids.hint}
            required
            aria-invalid={fieldError('tenant') ? true : undefined}
          />
          {fieldError('tenant') && <span className="field-error">{errorMessage(fieldError('tenant')!.code)}</span>}
        </div>
        <div className="field">
          <label htmlFor={ids.loginId}>{t('signIn.loginId')}</label>
          <input
            id={ids.loginId}
            name="login_id"
            value={loginId}
            onChange={(e) => setLoginId(e.target.value)}
            autoComplete="username"
            required
            aria-invalid={fieldError('login_id') ? true : undefined}
          />
          {fieldError('login_id') && <span className="field-error">{errorMessage(fieldError('login_id')!.code)}</span>}
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            aria-invalid={fieldError('password') ? true : undefined}
          />
          {fieldError('password') && <span className="field-error">{errorMessage(fieldError('password')!.code)}</span>}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
