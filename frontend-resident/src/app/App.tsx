import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { CalendarPage } from '../features/booking/CalendarPage';
import { ConfirmPage } from '../features/booking/ConfirmPage';
import { DonePage } from '../features/booking/DonePage';
import { DraftProvider } from '../features/booking/draft';
import { FormPage } from '../features/booking/FormPage';
import { LocationPage } from '../features/booking/LocationPage';
import { FaqPage } from '../features/help/FaqPage';
import { HelpPage } from '../features/help/HelpPage';
import { TopPage } from '../features/home/TopPage';
import { CancelPage } from '../features/lookup/CancelPage';
import { ChangePage } from '../features/lookup/ChangePage';
import { DetailsPage } from '../features/lookup/DetailsPage';
import { HeldBookingRoute } from '../features/lookup/HeldBooking';
import { LookupPage } from '../features/lookup/LookupPage';
import { LookupSessionProvider } from '../features/lookup/session';
import { tenantFromPath } from './tenant';
import { Layout, NotFound, NotFoundPage } from './Layout';

const defaultClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } },
});

export function App({
  pathname = window.location.pathname,
  queryClient = defaultClient,
}: {
  pathname?: string;
  queryClient?: QueryClient;
}) {
  const tenant = tenantFromPath(pathname);
  if (!tenant) return <NotFound />;
  return (
    <QueryClientProvider client={queryClient}>
      <DraftProvider>
        <LookupSessionProvider>
          <BrowserRouter basename={`/r/${tenant}`}>
            <Routes>
              <Route element={<Layout tenant={tenant} />}>
                <Route index element={<TopPage />} />
                <Route path="book/done" element={<DonePage />} />
                <Route path="book/:procedureId" element={<LocationPage />} />
                <Route path="book/:procedureId/:locationId" element={<CalendarPage />} />
                <Route path="book/:procedureId/:locationId/form" element={<FormPage />} />
                <Route path="book/:procedureId/:locationId/confirm" element={<ConfirmPage />} />
                <Route path="lookup" element={<LookupPage />} />
                <Route path="lookup/booking/:number" element={<HeldBookingRoute />}>
                  <Route index element={<DetailsPage />} />
                  <Route path="change" element={<ChangePage />} />
                  <Route path="cancel" element={<CancelPage />} />
                </Route>
                {/* The address before it carried the number: nothing to fetch the booking by. */}
                <Route path="lookup/booking" element={<Navigate to="/lookup" replace />} />
                <Route path="help" element={<HelpPage />} />
                <Route path="faq" element={<FaqPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </LookupSessionProvider>
      </DraftProvider>
    </QueryClientProvider>
  );
}
