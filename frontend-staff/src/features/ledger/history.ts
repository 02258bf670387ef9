// A card's history as the clerk reads it: what happened, on which business date, by whom.
import type { MessageKey } from '../../i18n/ja';
import { ja } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { formatDate, isIsoDate } from '../../../../frontend-shared/dates/japan';
import type { LedgerEvent } from './api';
import { fieldLabel, statusLabel } from './labels';

function known(key: string): key is MessageKey {
  return key in ja;
}

/** `registered`, a step (`inspect`…), an edit, or an action this screen does not know yet. */
export function actionText(action: string): string {
  const own = `ledger.card.action.${action}`;
  if (known(own)) return t(own);
  const key = `ledger.step.${action}`;
  return known(key) ? t(key) : t('ledger.card.action.other', { action });
}

/** A staff login ID, or `booking` when a booking held or released the card. */
export function actorText(actor: string): string {
  return actor === 'booking' ? t('ledger.card.actor.booking') : actor;
}

/** The business date with its name for this step (検品日: 2026年11月24日（火）). */
export function onDateText(event: Pick<LedgerEvent, 'action' | 'on_date' | 'reason'>): string | null {
  if (!event.on_date || !isIsoDate(event.on_date)) return null;
  // A corrected date names its step in `reason`.
  const key = `ledger.stepDate.${event.action === 'date_corrected' ? event.reason : event.action}`;
  const label = known(key) ? t(key) : t('ledger.field.on_date');
  return t('ledger.card.historyOn', { label, date: formatDate(event.on_date) });
}

/** `納品済 → 検品済`, when the event moved the card. */
export function moveText(event: Pick<LedgerEvent, 'from_status' | 'to_status'>): string | null {
  if (!event.to_status) return null;
  if (!event.from_status) return statusLabel(event.to_status);
  return t('ledger.card.historyMove', { from: statusLabel(event.from_status), to: statusLabel(event.to_status) });
}

/**
 * What `reason` holds depends on the action: the clerk's reason for a step, the fields
 * an edit changed (`notes, storage_location`), the step whose date was corrected, the
 * location a card was moved to.
 */
export function noteText(event: Pick<LedgerEvent, 'action' | 'reason'>): string | null {
  const reason = event.reason.trim();
  if (!reason) return null;
  switch (event.action) {
    case 'edited':
      return t('ledger.card.historyFields', {
        fields: reason
          .split(',')
          .map((f) => fieldLabel(f.trim()))
          .join('、'),
      });
    case 'date_corrected':
      return null;
    case 'moved':
      return t('ledger.card.historyMovedTo', { location: reason });
    default:
      return t('ledger.card.historyReason', { reason });
  }
}

/** Newest first: the clerk wants to know what happened last. */
export function newestFirst(history: readonly LedgerEvent[]): LedgerEvent[] {
  return [...history].reverse();
}
