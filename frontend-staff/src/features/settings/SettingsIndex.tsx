import { Link } from 'react-router';
import { t } from '../../i18n/t';

/** The administrator's settings, grouped as a clerk thinks of them. */
export function SettingsIndex() {
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{t('nav.settings')}</h1>
      <ul className="link-list">
        <li>
          <Link to="/settings/counters">{t('settings.counters')}</Link>
          <p>{t('settings.counters.hint')}</p>
        </li>
        <li>
          <Link to="/settings/site">{t('settings.site')}</Link>
          <p>{t('settings.site.hint')}</p>
        </li>
      </ul>
    </section>
  );
}
