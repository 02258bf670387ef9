import type { Role } from '../api/client';
import type { MessageKey } from '../i18n/ja';

export interface MenuItem {
  path: string;
  label: MessageKey;
  /** Who may open it; a user needs one of these roles. */
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'call_center', 'ledger', 'viewer'];

// One table for the menu and for the route gates, so they cannot disagree.
export const MENU: readonly MenuItem[] = [
  { path: '/', label: 'nav.home', roles: ALL },
  { path: '/bookings', label: 'nav.bookings', roles: ['admin', 'call_center', 'viewer'] },
  // Whoever stands at the counter checks visitors in (the API's Counter roles).
  { path: '/check-in', label: 'nav.checkIn', roles: ['admin', 'call_center', 'ledger'] },
  { path: '/ledger', label: 'nav.ledger', roles: ['admin', 'ledger'] },
  { path: '/settings', label: 'nav.settings', roles: ['admin'] },
  { path: '/users', label: 'nav.users', roles: ['admin'] },
  { path: '/audit-log', label: 'nav.auditLog', roles: ['admin'] },
];

export function canAccess(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}

/** The menu a user sees, with the bookings entry named for what they do there. */
export function menuFor(userRoles: readonly Role[]): MenuItem[] {
  return MENU.filter((item) => canAccess(userRoles, item.roles)).map((item) => {
    if (item.path !== '/bookings' || userRoles.includes('admin')) return item;
    if (userRoles.includes('call_center')) return { ...item, label: 'nav.bookings.callCenter' };
    return { ...item, label: 'nav.bookings.viewer' };
  });
}

/** Booking on a resident's behalf, changing and cancelling: the API's CallCenter roles. */
export const CALL_CENTER: readonly Role[] = ['admin', 'call_center'];

/** Taking bookings away in a file (CSV, Excel): the API's Exporter roles, every duty but `viewer`. */
export const EXPORTER: readonly Role[] = ['admin', 'call_center', 'ledger'];

export function rolesFor(path: string): readonly Role[] {
  return MENU.find((item) => item.path === path)?.roles ?? ALL;
}
