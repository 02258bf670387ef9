import { Link } from 'react-router';
import { t } from '../i18n/t';

export function Forbidden() {
  return (
    <section aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading">{t('forbidden.heading')}</h1>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('forbidden.home')}</Link>
      </p>
    </section>
  );
}
