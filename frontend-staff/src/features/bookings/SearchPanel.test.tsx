import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../api/client';
import type { components } from '../../api/schema';
import { SearchPanel } from './SearchPanel';
import { EMPTY_SEARCH } from './search';

const session = vi.hoisted(() => ({ roles: [] as Role[] }));

vi.mock('../../app/session', () => ({
  useSession: () => ({ user: { id: 'me', login_id: 'clerk', name: '職員', roles: session.roles } }),
}));

const BOOKING: components['schemas']['StaffBookingView'] = {
  applicants: [{ name: '山田 太郎', name_kana: 'ヤマダ タロウ' }],
  beyond_capacity: false,
  created_at: '2026-04-01T00:00:00Z',
  created_by: 'resident',
  end: '2026-04-10T00:30:00Z',
  location_id: 'loc-1',
  notes: '',
  phone: '0312345678',
  places: 1,
  procedure_id: 'proc-1',
  reception_number: '1234567890',
  start: '2026-04-10T00:00:00Z',
  status: 'booked',
  version: 1,
  without_letter: false,
};

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) =>
      new URL(request.url).pathname === '/api/v1/bookings'
        ? json({ items: [BOOKING], page: 1, per_page: 50, total: 1 })
        : json([]),
    ),
  );
});

afterEach(() => vi.unstubAllGlobals());

async function searchAs(roles: Role[]) {
  session.roles = roles;
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <SearchPanel
          submitted={{ ...EMPTY_SEARCH, name: '山田' }}
          page={1}
          onSearch={() => undefined}
          onClear={() => undefined}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  await screen.findByRole('link', { name: '1234567890' });
}

describe('<SearchPanel> export', () => {
  it('offers a read-only viewer the results but no download (the API refuses them the export)', async () => {
    await searchAs(['viewer']);
    expect(screen.queryByRole('button', { name: 'CSVダウンロード' })).toBeNull();
    expect(screen.queryByLabelText('ファイル形式')).toBeNull();
  });

  it('offers a call-center clerk the download of the results', async () => {
    await searchAs(['call_center']);
    expect(screen.getByRole('button', { name: 'CSVダウンロード' })).toBeTruthy();
    expect(screen.getByLabelText('ファイル形式')).toBeTruthy();
  });
});
