import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/client';
import { CALL_CENTER, rolesFor } from '../lib/roles';
import { SessionProvider, useSession } from './session';
import { Authorization } from '../components/Authorization';
import { Shell } from './Shell';
import { t } from '../i18n/t';
import { Home } from './Home';
import { PasswordChange } from '../features/account/PasswordChange';
import { SettingsIndex } from '../features/settings/SettingsIndex';
import { Placeholder } from '../components/Placeholder';
import { SignIn } from './SignIn';
import { FirstPassword } from './FirstPassword';
import type { MessageKey } from '../i18n/ja';

// Each screen loads when first opened: the sign-in page and the shell come first.
const AuditLogPage = lazy(() => import('../features/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const BookingDetailsPage = lazy(() =>
  import('../features/bookings/BookingDetailsPage').then((m) => ({ default: m.BookingDetailsPage })),
);
const BookingsPage = lazy(() => import('../features/bookings/BookingsPage').then((m) => ({ default: m.BookingsPage })));
const DayListPage = lazy(() => import('../features/bookings/DayListPage').then((m) => ({ default: m.DayListPage })));
const CancelBookingPage = lazy(() =>
  import('../features/counter/CancelBookingPage').then((m) => ({ default: m.CancelBookingPage })),
);
const ChangeBookingPage = lazy(() =>
  import('../features/counter/ChangeBookingPage').then((m) => ({ default: m.ChangeBookingPage })),
);
const CorrectBookingPage = lazy(() =>
  import('../features/counter/CorrectBookingPage').then((m) => ({ default: m.CorrectBookingPage })),
);
const CheckInPage = lazy(() => import('../features/counter/CheckInPage').then((m) => ({ default: m.CheckInPage })));
const NewBookingPage = lazy(() =>
  import('../features/counter/NewBookingPage').then((m) => ({ default: m.NewBookingPage })),
);
const LedgerOfficeRoutes = lazy(() =>
  import('../features/ledger-office/LedgerOfficeRoutes').then((m) => ({ default: m.LedgerOfficeRoutes })),
);
const LedgerRoutes = lazy(() => import('../features/ledger/LedgerRoutes').then((m) => ({ default: m.LedgerRoutes })));
const ScheduleRoutes = lazy(() =>
  import('../features/schedule/ScheduleRoutes').then((m) => ({ default: m.ScheduleRoutes })),
);
const SiteSettingsRoutes = lazy(() =>
  import('../features/site-settings/SiteSettingsRoutes').then((m) => ({ default: m.SiteSettingsRoutes })),
);
const UsersRoutes = lazy(() => import('../features/users/UsersRoutes').then((m) => ({ default: m.UsersRoutes })));

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });

/** A route only the given roles may open; others see the forbidden page. */
function Gate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  return (
    <Authorization userRoles={user?.roles ?? []} roles={roles}>
      {children}
    </Authorization>
  );
}

// Screens still to come, shown as such to those allowed to open them.
const PLANNED: { path: string; title: MessageKey }[] = [];

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
  if (user.must_change_password) return <FirstPassword user={user} />;
  return (
    <Routes>
      <Route element={<Shell user={user} />}>
        <Route index element={<Home />} />
        <Route
          path="bookings"
          element={
            <Gate roles={rolesFor('/bookings')}>
              <BookingsPage />
            </Gate>
          }
        />
        <Route
          path="bookings/day/:date"
          element={
            <Gate roles={rolesFor('/bookings')}>
              <DayListPage />
            </Gate>
          }
        />
        <Route
          path="bookings/new"
          element={
            <Gate roles={CALL_CENTER}>
              <NewBookingPage />
            </Gate>
          }
        />
        <Route
          path="bookings/:number"
          element={
            <Gate roles={rolesFor('/bookings')}>
              <BookingDetailsPage />
            </Gate>
          }
        />
        <Route
          path="bookings/:number/change"
          element={
            <Gate roles={CALL_CENTER}>
              <ChangeBookingPage />
            </Gate>
          }
        />
        <Route
          path="bookings/:number/correct"
          element={
            <Gate roles={CALL_CENTER}>
              <CorrectBookingPage />
            </Gate>
          }
        />
        <Route
          path="bookings/:number/cancel"
          element={
            <Gate roles={CALL_CENTER}>
              <CancelBookingPage />
            </Gate>
          }
        />
        <Route
          path="check-in"
          element={
            <Gate roles={rolesFor('/check-in')}>
              <CheckInPage />
            </Gate>
          }
        />
        <Route
          path="settings"
          element={
            <Gate roles={rolesFor('/settings')}>
              <SettingsIndex />
            </Gate>
          }
        />
        <Route
          path="settings/counters/*"
          element={
            <Gate roles={rolesFor('/settings')}>
              <ScheduleRoutes />
            </Gate>
          }
        />
        <Route
          path="settings/site/*"
          element={
            <Gate roles={rolesFor('/settings')}>
              <SiteSettingsRoutes />
            </Gate>
          }
        />
        <Route
          path="users/*"
          element={
            <Gate roles={rolesFor('/users')}>
              <UsersRoutes />
            </Gate>
          }
        />
        <Route
          path="ledger/office/*"
          element={
            <Gate roles={rolesFor('/ledger')}>
              <LedgerOfficeRoutes />
            </Gate>
          }
        />
        <Route
          path="ledger/*"
          element={
            <Gate roles={rolesFor('/ledger')}>
              <LedgerRoutes />
            </Gate>
          }
        />
        <Route
          path="audit-log"
          element={
            <Gate roles={rolesFor('/audit-log')}>
              <AuditLogPage />
            </Gate>
          }
        />
        {PLANNED.map((page) => (
          <Route
            key={page.path}
            path={page.path.slice(1) + '/*'}
            element={
              <Gate roles={rolesFor(page.path)}>
                <Placeholder title={page.title} />
              </Gate>
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
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/staff">
        <SessionProvider>
          <Routed />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
