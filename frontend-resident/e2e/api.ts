// Arranging the scene through the same public and staff API any client uses.
export interface Slot {
  start: string;
  end: string;
  remaining: number;
}

export interface Day {
  date: string;
  slots: Slot[];
  closed?: string | null;
  closed_reason?: string | null;
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async json<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async idOf(what: 'locations' | 'procedures', name: string): Promise<string> {
    const { body } = await this.json<{ id: string; name: string }[]>('GET', `/api/v1/public/demo/${what}`);
    const found = body.find((item) => item.name === name);
    if (!found) throw new Error(`no ${what} named ${name}`);
    return found.id;
  }

  /** The days with bookable slots, from the availability the residents see. */
  async days(locationId: string, procedureId: string): Promise<{ date: string; slots: Slot[] }[]> {
    const { body } = await this.json<{ days: { date: string; slots: Slot[] }[] }>(
      'GET',
      `/api/v1/public/demo/availability?location_id=${locationId}&procedure_id=${procedureId}`,
    );
    return body.days.filter((day) => day.slots.some((slot) => slot.remaining > 0));
  }

  /** Every day from `from` to `to` as residents are told, closed days with their reason. */
  async calendar(locationId: string, procedureId: string, from: string, to: string): Promise<Day[]> {
    const { body } = await this.json<{ days: Day[] }>(
      'GET',
      `/api/v1/public/demo/availability?location_id=${locationId}&procedure_id=${procedureId}&from=${from}&to=${to}`,
    );
    return body.days;
  }

  async book(
    body: unknown,
  ): Promise<{ status: number; body: { reception_number?: string; password?: string; code?: string } }> {
    return this.json('POST', '/api/v1/public/demo/bookings', body);
  }

  async adminToken(): Promise<string> {
    const { body } = await this.json<{ access_token: string }>('POST', '/api/v1/auth/login', {
      tenant: 'demo',
      login_id: 'admin',
      password: 'madoguchi-demo',
    });
    return body.access_token;
  }

  async setSite(token: string, change: { site_public: boolean; closed_message?: string }): Promise<void> {
    const { status } = await this.json('PATCH', '/api/v1/admin/settings', change, token);
    if (status !== 200) throw new Error(`settings answered ${status}`);
  }

  /**
   * Closes every counter of the demo town on `date` with a reason residents are shown;
   * false when bookings stand that day (the server refuses to strand them).
   */
  async closeDay(token: string, date: string, reason: string): Promise<boolean> {
    const { status } = await this.json('PUT', `/api/v1/admin/closures/${date}`, { reason }, token);
    if (status !== 204 && status !== 422) throw new Error(`closing ${date} answered ${status}`);
    return status === 204;
  }

  async openDay(token: string, date: string): Promise<void> {
    const { status } = await this.json('DELETE', `/api/v1/admin/closures/${date}`, undefined, token);
    if (status !== 204) throw new Error(`opening ${date} answered ${status}`);
  }
}
