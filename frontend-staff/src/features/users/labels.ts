import { formatTime, todayInTokyo, tokyoDateOf } from '../../../../frontend-shared/dates/japan';
import type { components } from '../../api/schema';
import type { Role } from '../../api/client';
import { ja, type MessageKey } from '../../i18n/ja';
import { errorMessage, t } from '../../i18n/t';

export type StaffUser = components['schemas']['StaffUserView'];
export type ImportAction = components['schemas']['ImportAction'];

/** Every role, in the order the screens list them. */
export const ROLES: readonly Role[] = ['admin', 'call_center', 'ledger', 'viewer'];

export function roleLabel(role: Role): string {
  return t(`role.${role}`);
}

/** A user's roles in Japanese, in the usual order, separated by 「、」. */
export function rolesLabel(roles: readonly Role[]): string {
  return ROLES.filter((role) => roles.includes(role))
    .map(roleLabel)
    .join('、');
}

export type UserState = 'enabled' | 'disabled' | 'locked';

/** What the list shows in the state column: a disabled account may be locked too. */
export function userStates(user: Pick<StaffUser, 'disabled' | 'locked'>): UserState[] {
  const states: UserState[] = [];
  if (user.disabled) states.push('disabled');
  if (user.locked) states.push('locked');
  return states.length > 0 ? states : ['enabled'];
}

export function stateLabel(state: UserState): string {
  return t(`users.state.${state}`);
}

/**
 * ロック中 with when the lock opens by itself, in Japan time: 「ロック中（14:30 まで）」, or
 * with the day when that is not today (a lock lasts up to a day): 「ロック中（5/2 09:30 まで）」.
 */
export function lockedLabel(lockedUntil: string | null | undefined, now: Date = new Date()): string {
  const until = lockedUntil ? new Date(lockedUntil) : null;
  if (!lockedUntil || !until || Number.isNaN(until.getTime())) return t('users.state.locked');
  const day = tokyoDateOf(lockedUntil);
  const time = formatTime(lockedUntil);
  if (day === todayInTokyo(now)) return t('users.state.lockedUntil', { until: time });
  const [, month, date] = day.split('-').map(Number);
  return t('users.state.lockedUntil', { until: `${month}/${date} ${time}` });
}

/** A state as the list shows it: ロック中 says until when. */
export function userStateLabel(state: UserState, user: Pick<StaffUser, 'locked_until'>, now?: Date): string {
  return state === 'locked' ? lockedLabel(user.locked_until, now) : stateLabel(state);
}

export function importActionLabel(action: ImportAction): string {
  return t(`users.import.action.${action}`);
}

/** The Japanese name of a CSV column or form field the API named. */
export function columnLabel(field: string): string {
  const key = `users.column.${field}`;
  return key in ja ? ja[key as MessageKey] : field;
}

/** The message for an API error code: this feature's wording first, then the shared one. */
export function usersError(code: string): string {
  const key = `users.error.${code}`;
  return key in ja ? ja[key as MessageKey] : errorMessage(code);
}

/** A day in Japan time, e.g. 2026/05/01. */
export function formatTokyoDate(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
