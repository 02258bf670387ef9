import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { NotFound, Site } from './pages/Site';
import { tenantFromPath } from './tenant';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } } });

export function App({ pathname = window.location.pathname }: { pathname?: string }) {
  const tenant = tenantFromPath(pathname);
  if (!tenant) return <NotFound />;
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename={`/r/${tenant}`}>
        <Routes>
          <Route path="*" element={<Site tenant={tenant} />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
