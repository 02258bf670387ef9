import { useId, useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { useChangePassword } from './api';
import { apiErrorMessage, errorMessage, t } from '../../i18n/t';

export function PasswordChange() {
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const changePassword = useChangePassword();
  const ids = { current: useId(), next: useId(), rules: useId() };
  if (!user) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    try {
      await changePassword.mutateAsync({ body: { current_password: current, new_password: next } });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'generic'));
    }
  }

  const messages = (field: string) => fieldErrors(error, field).map((e) => errorMessage(e.code));
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{t('password.heading')}</h1>
      {done && <p role="status">{t('password.done')}</p>}
      {error && error.errors.length === 0 && <p role="alert">{apiErrorMessage(error)}</p>}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.current}>{t('password.current')}</label>
          <input
            id={ids.current}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            aria-invalid={messages('current_password').length > 0 || undefined}
          />
          {messages('current_password').map((m) => (
            <span key={m} className="field-error" role="alert">
              {m}
            </span>
          ))}
        </div>
        <div className="field">
          <label htmlFor={ids.next}>{t('password.new')}</label>
          <span id={ids.rules} className="hint">
            {t('password.rules', {
              length: user.password_policy.min_length,
              classes: user.password_policy.min_classes,
            })}
          </span>
          <input
            id={ids.next}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby={ids.rules}
            aria-invalid={messages('new_password').length > 0 || undefined}
          />
          {messages('new_password').map((m) => (
            <span key={m} className="field-error" role="alert">
              {m}
            </span>
          ))}
        </div>
        <button type="submit">{t('password.submit')}</button>
      </form>
    </section>
  );
}
