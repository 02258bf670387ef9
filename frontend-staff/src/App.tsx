import { useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { rolesFor } from './auth/roles';
import { SessionProvider, useSession } from './auth/session';
import { Authorization } from './components/Authorization';
import { Shell } from './components/Shell';
import { t } from './i18n/t';
import { Home } from './pages/Home';
import { PasswordChange } from './pages/PasswordChange';
import { Placeholder } from './pages/Placeholder';
import { SignIn } from './pages/SignIn';
import type { MessageKey } from './i18n/ja';

const PAGES: { path: string; title: MessageKey }[] = [
  { path: '/bookings', title: 'nav.bookings' },
  { path: '/check-in', title: 'nav.checkIn' },
  { path: '/ledger', title: 'nav.ledger' },
  { path: '/settings', title: 'nav.settings' },
  { path: '/users', title: 'nav.users' },
  { path: '/audit-log', title: 'nav.auditLog' },
];

function Routed() {
  const { user } = useSession();
  useEffect(() => {
    document.title = user ? `${user.tenant.service_name} ${t('app.title')}` : t('app.title');
  }, [user]);
  if (user === undefined) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (user === null) return <SignIn />;
  return (
    <Routes>
      <Route element={<Shell user={user} />}>
        <Route index element={<Home />} />
        {PAGES.map((page) => (
          <Route
            key={page.path}
            path={page.path.slice(1) + '/*'}
            element={
              <Authorization userRoles={user.roles} roles={rolesFor(page.path)}>
                <Placeholder title={page.title} />
              </Authorization>
            }
          />
        ))}
        <Route path="password" element={<PasswordChange />} />
        <Route path="*" element={<Placeholder title="notFound.heading" />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/staff">
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </BrowserRouter>
  );
}
