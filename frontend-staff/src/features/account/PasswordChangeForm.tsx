import { useId, useState, type FormEvent } from 'react';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import type { CurrentUser } from '../../api/client';
import { useChangePassword } from './api';
import type { MessageKey } from '../../i18n/ja';
import { apiErrorMessage, errorMessage, t } from '../../i18n/t';

/**
 * Changing one's own password: the current one, the new one under the tenant's rules,
 * and the new one again. Shared by the account's password screen and the first sign-in
 * with a one-time password, which names the current one as what the user was handed.
 */
export function PasswordChangeForm({
  user,
  currentLabel = 'password.current',
  onChanged,
}: {
  user: CurrentUser;
  currentLabel?: MessageKey;
  onChanged?: () => void | Promise<void>;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  // Checked here, not by the server: it never sees the second copy.
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const changePassword = useChangePassword();
  const ids = { current: useId(), next: useId(), again: useId(), rules: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    const differs = next !== again;
    setMismatch(differs);
    if (differs) return;
    try {
      await changePassword.mutateAsync({ body: { current_password: current, new_password: next } });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'generic'));
      return;
    }
    setDone(true);
    setCurrent('');
    setNext('');
    setAgain('');
    await onChanged?.();
  }

  const messages = (field: string) => fieldErrors(error, field).map((e) => errorMessage(e.code));
  const againMessages = mismatch ? [t('password.mismatch')] : [];
  return (
    <>
      {done && <p role="status">{t('password.done')}</p>}
      {error && error.errors.length === 0 && <p role="alert">{apiErrorMessage(error)}</p>}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.current}>{t(currentLabel)}</label>
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
        <div className="field">
          <label htmlFor={ids.again}>{t('password.again')}</label>
          <input
            id={ids.again}
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            aria-invalid={againMessages.length > 0 || undefined}
          />
          {againMessages.map((m) => (
            <span key={m} className="field-error" role="alert">
              {m}
            </span>
          ))}
        </div>
        {/* A second send of the same change would be refused as a wrong current password, which counts towards the lock-out. */}
        <button type="submit" disabled={changePassword.isPending}>
          {t('password.submit')}
        </button>
      </form>
    </>
  );
}
