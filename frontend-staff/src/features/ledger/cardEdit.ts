// The card edit form's values and the PATCH made of them: only what the clerk changed,
// with the version they saw, so that a change made meanwhile is refused, not overwritten.
import type { CardPatch, LedgerCard } from './api';

export const EDIT_TEXTS = [
  'name_kana',
  'postal_code',
  'address',
  'storage_location',
  'reissue_reason',
  'notes',
  'handover_notes',
] as const;
export const EDIT_DATES = ['card_expires_on', 'certificate_expires_on', 'reminder_sent_on'] as const;
export type EditText = (typeof EDIT_TEXTS)[number];
export type EditDate = (typeof EDIT_DATES)[number];

export type EditForm = Record<EditText | EditDate, string> & { reissuable: '' | 'true' | 'false' };

// Fields the API keeps as null when empty (the others are empty strings).
const NULLABLE: readonly string[] = ['name_kana', 'postal_code', 'address'];

export function editForm(card: LedgerCard): EditForm {
  return {
    name_kana: card.name_kana ?? '',
    postal_code: card.postal_code ?? '',
    address: card.address ?? '',
    storage_location: card.storage_location,
    reissue_reason: card.reissue_reason,
    notes: card.notes,
    handover_notes: card.handover_notes,
    card_expires_on: card.card_expires_on ?? '',
    certificate_expires_on: card.certificate_expires_on ?? '',
    reminder_sent_on: card.reminder_sent_on ?? '',
    reissuable: card.reissuable === null || card.reissuable === undefined ? '' : card.reissuable ? 'true' : 'false',
  };
}

/** The fields that differ from the card, or null when nothing changed. */
export function editPatch(card: LedgerCard, form: EditForm): CardPatch | null {
  const before = editForm(card);
  const patch: CardPatch = { version: card.version };
  let changed = false;
  const put = <K extends keyof CardPatch>(key: K, value: CardPatch[K]) => {
    patch[key] = value;
    changed = true;
  };
  for (const key of EDIT_TEXTS) {
    // Notes keep their line breaks and inner spaces; only the ends are trimmed.
    const value = form[key].trim();
    if (value === before[key].trim()) continue;
    put(key, NULLABLE.includes(key) && value === '' ? null : value);
  }
  for (const key of EDIT_DATES) {
    if (form[key] !== before[key]) put(key, form[key] || null);
  }
  if (form.reissuable !== before.reissuable)
    put('reissuable', form.reissuable === '' ? null : form.reissuable === 'true');
  return changed ? patch : null;
}
