import { useSession } from './session';
import { t } from '../i18n/t';

export function Home() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{t('home.heading')}</h1>
      <p>{t('home.welcome', { name: user.name })}</p>
      <p>{t('home.roles', { roles: user.roles.map((role) => t(`role.${role}`)).join('、') })}</p>
      <p>{t('home.menuHint')}</p>
    </section>
  );
}
