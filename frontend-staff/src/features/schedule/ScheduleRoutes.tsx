// 窓口と予約枠, mounted at /settings/counters/* (administrators only).
import { Route, Routes } from 'react-router';
import { t } from '../../i18n/t';
import { OVERVIEW, Page } from './common';
import { HolidaysPage } from './HolidaysPage';
import { LocationEditPage, LocationsPage } from './LocationsPage';
import { NewPoolPage } from './NewPoolPage';
import { OverviewPage } from './OverviewPage';
import { PoolPage } from './PoolPage';
import { ProcedureEditPage, ProceduresPage } from './ProceduresPage';
import { RulesPage } from './RulesPage';

export function ScheduleRoutes() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="locations" element={<LocationsPage />} />
      <Route path="locations/new" element={<LocationEditPage />} />
      <Route path="locations/:id" element={<LocationEditPage />} />
      <Route path="procedures" element={<ProceduresPage />} />
      <Route path="procedures/new" element={<ProcedureEditPage />} />
      <Route path="procedures/:id" element={<ProcedureEditPage />} />
      <Route path="pools/new" element={<NewPoolPage />} />
      <Route path="pools/:id" element={<PoolPage />} />
      <Route path="rules" element={<RulesPage />} />
      <Route path="holidays" element={<HolidaysPage />} />
      <Route
        path="*"
        element={
          <Page title={t('notFound.heading')} trail={[OVERVIEW]}>
            <p>{t('schedule.notFound')}</p>
          </Page>
        }
      />
    </Routes>
  );
}
