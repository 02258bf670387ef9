// The resident app in jsdom against a stand-in for the public API, for tests that need
// the whole app (router, site layout, queries).
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../app/App';

export type Answer = { status: number; body: unknown };

/** Answers the API by path, as the server would. */
export function serve(routes: Record<string, Answer>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname.replace('/api/v1/public/demo/', '');
      const answer = routes[path] ?? {
        status: 404,
        body: { code: 'not_found', status: 404, title: 'Not found', type: 'about:blank', errors: [] },
      };
      const contentType = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': contentType },
      });
    }),
  );
}

export function renderAt(path: string) {
  window.history.pushState({}, '', path);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App pathname={path} queryClient={client} />);
}

const booking = {
  opens: { days_before: 14, at: '00:00' },
  closes: { days_before: 1, at: '00:00' },
  change_deadline: { days_before: 1, at: '00:00' },
  hold_minutes: 10,
  pii_free: false,
};
export const demo = {
  slug: 'demo',
  name: 'デモ市',
  service_name: 'デモ市 マイナンバーカード窓口予約',
  public: true,
  closed_message: '',
  has_logo: false,
  booking,
  contact: { phone: '', hours: '' },
};
export const issuance = {
  id: 'p1',
  name: 'マイナンバーカード交付',
  kind: 'issuance',
  description: '交付通知書が届いた方が、カードを受け取りに来庁します。',
  fields: {
    management_number: 'required',
    name: 'required',
    name_kana: 'optional',
    birth_date: 'required',
    address: 'hidden',
    phone: 'optional',
    email: 'optional',
  },
  max_applicants: 4,
  location_ids: ['l1'],
};
