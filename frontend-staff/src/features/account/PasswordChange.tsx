import { useSession } from '../../app/session';
import { PasswordChangeForm } from './PasswordChangeForm';
import { t } from '../../i18n/t';

export function PasswordChange() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{t('password.heading')}</h1>
      <PasswordChangeForm user={user} />
    </section>
  );
}
