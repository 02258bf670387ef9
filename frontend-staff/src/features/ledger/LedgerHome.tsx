// カード管理簿: where the clerk picks the job at hand, and sees the scan batches still
// waiting to be registered (a clerk's or another's, perhaps left by a reload).
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import { LedgerNav } from './components';
import { OpenBatches } from './OpenBatches';
import './ledger.css';

export function LedgerHome() {
  return (
    <section aria-labelledby="page-heading" className="ledger-page">
      <LedgerNav />
      <h1 id="page-heading">{t('ledger.title')}</h1>
      <p className="ledger-intro">{t('ledger.home.intro')}</p>
      <ul className="ledger-home-links">
        <li>
          <Link to="/ledger/scan">{t('ledger.nav.scan')}</Link>
          <p className="hint">{t('ledger.home.scan.hint')}</p>
        </li>
        <li>
          <Link to="/ledger/cards">{t('ledger.nav.search')}</Link>
          <p className="hint">{t('ledger.home.search.hint')}</p>
        </li>
        <li>
          <Link to="/ledger/print">{t('ledger.home.print')}</Link>
          <p className="hint">{t('ledger.home.print.hint')}</p>
        </li>
        <li>
          <Link to="/ledger/office">{t('ledger.home.office')}</Link>
          <p className="hint">{t('ledger.home.office.hint')}</p>
        </li>
      </ul>
      <OpenBatches />
    </section>
  );
}
