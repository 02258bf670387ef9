// Arranging a scene in the demo tenant through the same API any client uses: an
// administrator's requests, the residents' public ones, and the weekdays at 本庁舎 that
// residents can book and that hold no booking yet (the demo's own start nine days on).
import { inject } from 'vitest';
import { addDays, todayInTokyo, tokyoDateOf } from '../../frontend-shared/dates/japan';
import { now } from './clock';

const baseUrl = inject('baseUrl');

export interface Answer<T> {
  status: number;
  body: T;
}

/** A request to the API, with an administrator's token when one is given. */
export async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function adminToken(): Promise<string> {
  const { status, body } = await request<{ access_token: string }>('POST', '/api/v1/auth/login', {
    tenant: 'demo',
    login_id: 'admin',
    password: 'madoguchi-demo',
  });
  if (status !== 200) throw new Error(`login answered ${status}`);
  return body.access_token;
}

export interface PublicSlot {
  start: string;
  end: string;
  remaining: number;
}

export interface Demo {
  token: string;
  /** 本庁舎 */
  locationId: string;
  /** 電子証明書の更新: asks a name, a birth date and a phone number. */
  procedureId: string;
  /** 本庁舎's counter, which offers it. */
  poolId: string;
}

export async function demo(): Promise<Demo> {
  const token = await adminToken();
  const locations = await request<{ id: string; name: string }[]>('GET', '/api/v1/public/demo/locations');
  const procedures = await request<{ id: string; name: string }[]>('GET', '/api/v1/public/demo/procedures');
  const locationId = locations.body.find((l) => l.name === '本庁舎')!.id;
  const procedureId = procedures.body.find((p) => p.name === '電子証明書の更新')!.id;
  const pools = await request<{ id: string; location_id: string; procedure_ids: string[] }[]>(
    'GET',
    '/api/v1/admin/pools',
    undefined,
    token,
  );
  const poolId = pools.body.find((p) => p.location_id === locationId && p.procedure_ids.includes(procedureId))!.id;
  return { token, locationId, procedureId, poolId };
}

/**
 * The days residents can book at 本庁舎 for the procedure, in order, that have no booking
 * yet: each with its free slots.
 */
export async function emptyDays(scene: Demo): Promise<{ date: string; slots: PublicSlot[] }[]> {
  const today = todayInTokyo(now());
  const from = addDays(today, 1);
  const to = addDays(today, 14);
  const availability = await request<{ days: { date: string; slots: PublicSlot[] }[] }>(
    'GET',
    `/api/v1/public/demo/availability?location_id=${scene.locationId}&procedure_id=${scene.procedureId}&from=${from}&to=${to}`,
  );
  const booked = await request<{ items: { start: string }[] }>(
    'GET',
    `/api/v1/bookings?location_id=${scene.locationId}&from=${from}&to=${to}&per_page=500`,
    undefined,
    scene.token,
  );
  const bookedDays = new Set(booked.body.items.map((b) => tokyoDateOf(b.start)));
  return availability.body.days.filter((day) => day.slots.some((s) => s.remaining > 0) && !bookedDays.has(day.date));
}

/** A resident books through the public API: the reception number. */
export async function residentBooks(
  scene: Demo,
  start: string,
  person: { name: string; birth_date: string; phone: string; email: string },
): Promise<string> {
  const { status, body } = await request<{ reception_number: string }>('POST', '/api/v1/public/demo/bookings', {
    location_id: scene.locationId,
    procedure_id: scene.procedureId,
    start,
    applicants: [{ name: person.name, birth_date: person.birth_date }],
    phone: person.phone,
    email: person.email,
  });
  if (status !== 201) throw new Error(`booking answered ${status}: ${JSON.stringify(body)}`);
  return body.reception_number;
}
