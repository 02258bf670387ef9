// The 交付チェックリスト form's choices.
import { t } from '../../i18n/t';
import type { Location } from './api';

/**
 * The counters to pick from, in their configured order. A closed one stays in the list
 * (marked as such): its past days still had bookings whose lists may be reprinted.
 */
export function locationChoices(locations: readonly Location[]): { id: string; label: string }[] {
  return [...locations]
    .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'ja'))
    .map((l) => ({ id: l.id, label: l.active ? l.name : t('ledger.print.inactive', { name: l.name }) }));
}
