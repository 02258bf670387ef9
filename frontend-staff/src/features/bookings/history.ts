// A booking's history as the clerk reads it: who, when (Japan time) and what, in words.
import type { MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../../../frontend-shared/dates/japan';

const ACTIONS: Record<string, MessageKey> = {
  created: 'bookings.history.created',
  changed: 'bookings.history.changed',
  notes: 'bookings.history.notes',
  cancelled: 'bookings.history.cancelled',
  checked_in: 'bookings.history.checked_in',
  no_show: 'bookings.history.no_show',
};

export function actionLabel(action: string): string {
  const key = ACTIONS[action];
  return key ? t(key) : action;
}

/** `resident` is the resident on the booking site; anyone else is a staff login ID. */
export function actorLabel(actor: string): string {
  return actor === 'resident' ? t('bookings.actor.resident') : actor;
}

function text(detail: Record<string, unknown>, key: string): string | null {
  const value = detail[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function instant(detail: Record<string, unknown>, key: string): string | null {
  const value = text(detail, key);
  return value && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : null;
}

/** The particulars of one event, in short Japanese phrases. */
export function describeEvent(action: string, detail: unknown): string[] {
  const d = detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
  const parts: string[] = [];
  switch (action) {
    case 'created': {
      const start = instant(d, 'start');
      if (start) parts.push(t('bookings.history.slot', { at: start }));
      if (typeof d.places === 'number') parts.push(t('bookings.history.places', { count: d.places }));
      if (d.without_letter === true) parts.push(t('bookings.withoutLetter'));
      if (d.beyond_capacity === true) parts.push(t('bookings.beyondCapacity'));
      break;
    }
    case 'changed': {
      const from = instant(d, 'from');
      const to = instant(d, 'to');
      if (from && to && from !== to) parts.push(t('bookings.history.moved', { from, to }));
      if (d.beyond_capacity === true) parts.push(t('bookings.beyondCapacity'));
      break;
    }
    case 'cancelled': {
      const start = instant(d, 'start');
      if (start) parts.push(t('bookings.history.slot', { at: start }));
      break;
    }
    case 'notes': {
      const notes = text(d, 'notes');
      parts.push(notes ? t('bookings.history.notesNow', { notes }) : t('bookings.history.notesCleared'));
      break;
    }
    default:
      break;
  }
  const reason = text(d, 'reason');
  if (reason) parts.push(t('bookings.history.reason', { reason }));
  return parts;
}
