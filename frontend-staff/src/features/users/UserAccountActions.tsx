import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { useDeleteUser, useResetPassword, useUnlockUser } from './api';
import { lockedLabel, usersError, type StaffUser } from './labels';
import { validateReset, type FieldProblems, type PasswordRules } from './validation';

function codeOf(e: unknown): string {
  if (!(e instanceof ApiError)) return 'generic';
  return e.status === 0 ? 'network' : e.code;
}

/** Unlock, password reset and deletion of an existing user, each its own small form. */
export function UserAccountActions({
  user,
  isSelf,
  rules,
  onChanged,
}: {
  user: StaffUser;
  isSelf: boolean;
  rules: PasswordRules;
  onChanged: (user: StaffUser) => void;
}) {
  // Said once the unlock panel has gone: the user can sign in again at once.
  const [unlocked, setUnlocked] = useState(false);
  return (
    <div className="users-side-actions">
      {unlocked && !user.locked && (
        <p className="notice" role="status">
          {t('users.form.unlocked')}
        </p>
      )}
      {user.locked && (
        <Unlock
          user={user}
          onChanged={(updated) => {
            setUnlocked(true);
            onChanged(updated);
          }}
        />
      )}
      <ResetPassword user={user} rules={rules} onChanged={onChanged} />
      {!isSelf && <DeleteUser user={user} />}
    </div>
  );
}

function Unlock({ user, onChanged }: { user: StaffUser; onChanged: (user: StaffUser) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unlockUser = useUnlockUser();
  const headingId = useId();

  async function unlock() {
    setBusy(true);
    setError(null);
    try {
      const updated = await unlockUser.mutateAsync({ params: { path: { id: user.id } } });
      onChanged(updated);
    } catch (e) {
      setError(usersError(codeOf(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="users-panel users-panel-warning" aria-labelledby={headingId}>
      <h2 id={headingId}>{lockedLabel(user.locked_until)}</h2>
      <p>{t('users.form.lockedNotice')}</p>
      {user.failed_attempts > 0 && (
        <p className="hint">{t('users.form.failedAttempts', { count: user.failed_attempts })}</p>
      )}
      {error && (
        <p className="users-alert" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void unlock()} disabled={busy}>
        {t('users.form.unlock')}
      </button>
    </section>
  );
}

function ResetPassword({
  user,
  rules,
  onChanged,
}: {
  user: StaffUser;
  rules: PasswordRules;
  onChanged: (user: StaffUser) => void;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const resetPassword = useResetPassword();
  const ids = { heading: useId(), password: useId(), confirm: useId(), hint: useId() };
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setError(null);
    const found = validateReset(password, confirm, user.login_id, rules);
    setProblems(found);
    if (found.password) {
      passwordInput.current?.focus();
      return;
    }
    if (found.password_confirm) {
      confirmInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await resetPassword.mutateAsync({ params: { path: { id: user.id } }, body: { password } });
      // The reset also unlocks and counts as a change of the user.
      onChanged({
        ...user,
        locked: false,
        locked_until: null,
        failed_attempts: 0,
        version: user.version + 1,
        password_changed_at: new Date().toISOString(),
      });
      setPassword('');
      setConfirm('');
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        setProblems({ password: e.errors.map((fe) => usersError(fe.code)) });
        passwordInput.current?.focus();
      } else {
        setError(usersError(codeOf(e)));
      }
    } finally {
      setBusy(false);
    }
  }

  const passwordErrors = problems.password ?? [];
  const confirmErrors = problems.password_confirm ?? [];
  return (
    <section className="users-panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('users.reset.title')}</h2>
      <p className="hint">{t('users.reset.intro')}</p>
      {done && (
        <p className="notice" role="status">
          {t('users.reset.done')}
        </p>
      )}
      {error && (
        <p className="users-alert" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.password}>{t('users.reset.password')}</label>
          <span className="hint" id={ids.hint}>
            {t('users.form.passwordRules', { length: rules.min_length, classes: rules.min_classes })}
          </span>
          <input
            ref={passwordInput}
            id={ids.password}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={passwordErrors.length > 0 || undefined}
            aria-describedby={[ids.hint, passwordErrors.length > 0 ? `${ids.password}-error` : '']
              .filter(Boolean)
              .join(' ')}
          />
          {passwordErrors.length > 0 && (
            <span className="field-error" id={`${ids.password}-error`} role="alert">
              {passwordErrors.join(' ')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.confirm}>{t('users.reset.confirm')}</label>
          <input
            ref={confirmInput}
            id={ids.confirm}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={confirmErrors.length > 0 || undefined}
            aria-describedby={confirmErrors.length > 0 ? `${ids.confirm}-error` : undefined}
          />
          {confirmErrors.length > 0 && (
            <span className="field-error" id={`${ids.confirm}-error`} role="alert">
              {confirmErrors.join(' ')}
            </span>
          )}
        </div>
        <button type="submit" className="users-button-secondary" disabled={busy}>
          {t('users.reset.submit')}
        </button>
      </form>
    </section>
  );
}

function DeleteUser({ user }: { user: StaffUser }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const deleteUser = useDeleteUser();
  const headingId = useId();
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the step: to the question when it opens, back to the button when it closes.
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (wasConfirming.current) opener.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await deleteUser.mutateAsync({ params: { path: { id: user.id } } });
      void navigate('/users', { state: { notice: t('users.form.deleted', { login: user.login_id }) } });
    } catch (e) {
      setError(usersError(codeOf(e)));
      setBusy(false);
    }
  }

  return (
    <section className="users-panel users-panel-danger" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('users.delete.title')}</h2>
      <p className="hint">{t('users.delete.intro')}</p>
      {!confirming ? (
        <button type="button" ref={opener} className="users-button-danger" onClick={() => setConfirming(true)}>
          {t('users.delete.open')}
        </button>
      ) : (
        <div className="users-confirm">
          <p ref={question} tabIndex={-1}>
            <strong>{t('users.delete.confirm', { name: user.name, login: user.login_id })}</strong>
          </p>
          {error && (
            <p className="users-alert" role="alert">
              {error}
            </p>
          )}
          <div className="users-form-actions">
            <button type="button" className="users-button-danger" onClick={() => void remove()} disabled={busy}>
              {t('users.delete.submit')}
            </button>
            <button
              type="button"
              className="users-button-secondary"
              onClick={() => setConfirming(false)}
              onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
            >
              {t('users.delete.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
