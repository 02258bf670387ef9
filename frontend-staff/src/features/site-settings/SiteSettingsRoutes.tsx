import { Link, Route, Routes } from 'react-router';
import { t } from '../../i18n/t';
import { Page } from './components';
import { GeneralSettings } from './GeneralSettings';
import { MailTemplatesPage } from './MailTemplatesPage';
import { NoticeEditor } from './NoticeEditor';
import { NoticesPage } from './NoticesPage';
import { Overview } from './Overview';
import './site-settings.css';

/** /settings/site/*: the site's state, notices and FAQ, mail wording, general settings and logo. */
export function SiteSettingsRoutes() {
  return (
    <Routes>
      <Route index element={<Overview />} />
      <Route path="notices" element={<NoticesPage />} />
      <Route path="notices/:kind/new" element={<NoticeEditor />} />
      <Route path="notices/:kind/:id" element={<NoticeEditor />} />
      <Route path="mail" element={<MailTemplatesPage />} />
      <Route path="general" element={<GeneralSettings />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  return (
    <Page title={t('notFound.heading')}>
      <p>
        <Link to="/settings/site">{t('siteSettings.title')}</Link>
      </p>
    </Page>
  );
}
