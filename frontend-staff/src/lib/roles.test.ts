import { describe, expect, it } from 'vitest';
import { canAccess, EXPORTER, menuFor, rolesFor } from './roles';

describe('the menu by role', () => {
  it('shows an administrator every entry', () => {
    expect(menuFor(['admin']).map((item) => item.path)).toEqual([
      '/',
      '/bookings',
      '/check-in',
      '/ledger',
      '/settings',
      '/users',
      '/audit-log',
    ]);
  });

  it('shows a call-center clerk booking on behalf and the counter, nothing of administration', () => {
    const menu = menuFor(['call_center']);
    expect(menu.map((item) => item.path)).toEqual(['/', '/bookings', '/check-in']);
    expect(menu[1]?.label).toBe('nav.bookings.callCenter');
  });

  it('shows a ledger clerk the counter and the ledger and no administration', () => {
    expect(menuFor(['ledger']).map((item) => item.path)).toEqual(['/', '/check-in', '/ledger']);
  });

  it('merges the entries of several roles', () => {
    expect(menuFor(['ledger', 'viewer']).map((item) => item.path)).toEqual(['/', '/bookings', '/check-in', '/ledger']);
  });
});

describe('route gates', () => {
  it('admits only the listed roles', () => {
    expect(canAccess(['call_center'], rolesFor('/users'))).toBe(false);
    expect(canAccess(['admin'], rolesFor('/users'))).toBe(true);
    expect(canAccess(['viewer'], rolesFor('/bookings'))).toBe(true);
  });
});

describe('exporting bookings', () => {
  it('is for every duty but the read-only viewer', () => {
    expect(canAccess(['viewer'], EXPORTER)).toBe(false);
    expect(canAccess(['call_center'], EXPORTER)).toBe(true);
    expect(canAccess(['ledger'], EXPORTER)).toBe(true);
    expect(canAccess(['admin'], EXPORTER)).toBe(true);
    expect(canAccess(['viewer', 'ledger'], EXPORTER)).toBe(true);
  });
});
