// A booking's history as the clerk reads it: who, when (Japan time) and what, in words.
import type { MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../../../frontend-shared/dates/japan';
import { formatPhone } from '../../../../frontend-shared/phone/format';

const ACTIONS: Record<string, MessageKey> = {
  created: 'bookings.history.created',
  changed: 'bookings.history.changed',
  notes: 'bookings.history.notes',
  cancelled: 'bookings.history.cancelled',
  checked_in: 'bookings.history.checked_in',
  no_show: 'bookings.history.no_show',
  corrected: 'bookings.history.corrected',
  password_reissued: 'bookings.history.password_reissued',
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

const CORRECTED_FIELDS: Record<string, MessageKey> = {
  name: 'bookings.history.field.name',
  name_kana: 'bookings.history.field.name_kana',
  phone: 'bookings.history.field.phone',
  email: 'bookings.history.field.email',
};

/**
 * The name of a corrected field (`phone`, `applicants.1.name_kana`). The applicant's
 * number is said only when the booking has several, where 氏名 alone would not tell whose.
 */
export function correctedFieldLabel(field: string, applicants: number): string {
  const person = /^applicants\.(\d+)\.(\w+)$/.exec(field);
  const key = CORRECTED_FIELDS[person ? (person[2] ?? '') : field];
  if (!key) return field;
  if (!person || applicants <= 1) return t(key);
  return t('bookings.history.field.ofApplicant', { n: Number(person[1]) + 1, field: t(key) });
}

/** One side of a correction; a phone number grouped as it is read out, nothing as （なし）. */
function correctedValue(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') return t('bookings.history.field.none');
  return field === 'phone' ? formatPhone(value) : value;
}

/** Each corrected field as 「氏名 山崎 太郎 → 山﨑 太郎」, in the order the server wrote them. */
function corrections(d: Record<string, unknown>, applicants: number): string[] {
  const parts: string[] = [];
  for (const [field, change] of Object.entries(d)) {
    if (!change || typeof change !== 'object' || Array.isArray(change) || !('to' in change)) continue;
    const { from, to } = change as { from?: unknown; to?: unknown };
    parts.push(
      t('bookings.history.correctedField', {
        field: correctedFieldLabel(field, applicants),
        from: correctedValue(field, from),
        to: correctedValue(field, to),
      }),
    );
  }
  return parts;
}

/**
 * The particulars of one event, in short Japanese phrases. `applicants` is how many the
 * booking has (a correction names the applicant only when there are several).
 */
export function describeEvent(action: string, detail: unknown, applicants = 1): string[] {
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
    case 'corrected':
      parts.push(...corrections(d, applicants));
      break;
    default:
      break;
  }
  const reason = text(d, 'reason');
  if (reason) parts.push(t('bookings.history.reason', { reason }));
  return parts;
}
