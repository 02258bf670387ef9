// The card ledger's back office, mounted at /ledger/office/* (ledger clerks and administrators).
import { Route, Routes } from 'react-router';
import { t } from '../../i18n/t';
import { OfficeNav } from './components';
import { ImportsPage } from './ImportsPage';
import { OfficeHome } from './OfficeHome';
import { PeoplePage } from './PeoplePage';
import { RenewalPage } from './RenewalPage';
import { SettingsPage } from './SettingsPage';
import { StoragePage } from './StoragePage';
import './ledger-office.css';

export function LedgerOfficeRoutes() {
  return (
    <Routes>
      <Route index element={<OfficeHome />} />
      <Route path="imports" element={<ImportsPage />} />
      <Route path="renewal" element={<RenewalPage />} />
      <Route path="people" element={<PeoplePage />} />
      <Route path="storage" element={<StoragePage />} />
      <Route path="settings" element={<SettingsPage />} />
      <Route
        path="*"
        element={
          <section aria-labelledby="page-heading" className="office-page">
            <OfficeNav />
            <h1 id="page-heading">{t('notFound.heading')}</h1>
            <p>{t('ledgerOffice.notFound')}</p>
          </section>
        }
      />
    </Routes>
  );
}
