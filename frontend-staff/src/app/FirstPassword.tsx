import type { CurrentUser } from '../api/client';
import { PasswordChangeForm } from '../features/account/PasswordChangeForm';
import { t } from '../i18n/t';
import { IdleWarning } from './IdleWarning';
import { useSession } from './session';

/**
 * What a user signed in with a one-time password sees instead of the shell: the server
 * refuses everything else until it is replaced, so there is no menu to lead elsewhere.
 */
export function FirstPassword({ user }: { user: CurrentUser }) {
  const { signOut, passwordChanged } = useSession();
  return (
    <main id="main" className="sign-in first-password">
      <h1>{t('firstPassword.heading')}</h1>
      <p className="who">{t('firstPassword.who', { tenant: user.tenant.name, name: user.name })}</p>
      <p>{t('firstPassword.lead')}</p>
      <PasswordChangeForm user={user} currentLabel="firstPassword.current" onChanged={passwordChanged} />
      <button type="button" className="sign-out" onClick={() => void signOut('user')}>
        {t('nav.signOut')}
      </button>
      {/* The server ends an idle session here as anywhere: say so before it does. */}
      <IdleWarning timeoutSeconds={user.idle_timeout_seconds} />
    </main>
  );
}
