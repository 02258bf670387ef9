// 管理簿の事務: where the clerk picks the back-office job at hand.
import { Link } from 'react-router';
import type { MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { OfficeNav } from './components';
import './ledger-office.css';

const SCREENS: { path: string; label: MessageKey; hint: MessageKey }[] = [
  { path: 'imports', label: 'ledgerOffice.nav.imports', hint: 'ledgerOffice.home.imports' },
  { path: 'renewal', label: 'ledgerOffice.nav.renewal', hint: 'ledgerOffice.home.renewal' },
  { path: 'people', label: 'ledgerOffice.nav.people', hint: 'ledgerOffice.home.people' },
  { path: 'storage', label: 'ledgerOffice.nav.storage', hint: 'ledgerOffice.home.storage' },
  { path: 'settings', label: 'ledgerOffice.nav.settings', hint: 'ledgerOffice.home.settings' },
];

export function OfficeHome() {
  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.title')}</h1>
      <p className="office-intro">{t('ledgerOffice.intro')}</p>
      <ul className="office-home-links">
        {SCREENS.map((screen) => (
          <li key={screen.path}>
            <Link to={`/ledger/office/${screen.path}`} aria-describedby={`office-home-${screen.path}`}>
              {t(screen.label)}
            </Link>
            <p className="hint" id={`office-home-${screen.path}`}>
              {t(screen.hint)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
