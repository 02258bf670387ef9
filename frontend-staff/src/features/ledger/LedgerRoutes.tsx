// カード管理簿, mounted at /ledger/* (ledger clerks and administrators).
import { Route, Routes } from 'react-router';
import { t } from '../../i18n/t';
import { CardPage } from './CardPage';
import { LedgerNav } from './components';
import { LedgerHome } from './LedgerHome';
import { PrintPage } from './PrintPage';
import { ScanPage } from './ScanPage';
import { SearchPage } from './SearchPage';

export function LedgerRoutes() {
  return (
    <Routes>
      <Route index element={<LedgerHome />} />
      {/* One route with the batch optional: the first scan adds the new batch's id without remounting the screen. */}
      <Route path="scan/:batchId?" element={<ScanPage />} />
      <Route path="cards" element={<SearchPage />} />
      <Route path="cards/:id" element={<CardPage />} />
      <Route path="print" element={<PrintPage />} />
      <Route
        path="*"
        element={
          <section aria-labelledby="page-heading">
            <LedgerNav />
            <h1 id="page-heading">{t('notFound.heading')}</h1>
            <p>{t('ledger.notFound')}</p>
          </section>
        }
      />
    </Routes>
  );
}
