// 読み取り中のバッチ: the open scan batches a clerk can reopen, register or discard, so
// that cards scanned and never registered (a reload, a session ended) are not stranded.
// What here is pure: the order they are listed in, how their times read, the discard
// reason's checks, and where a refused scan's card is held.
import type { ConflictWith, OpenBatch } from './api';

/** The server's user for what happens by itself (an abandoned batch discarded at its expiry). */
export const SYSTEM_USER = 'system';

/** The most a discard reason may hold, in characters, as the server counts them. */
export const REASON_MAX = 200;

const dayTime = /* @__PURE__ */ new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * `12月9日 14:05`, in Japan time: batches live for hours or days, so the day matters
 * and the year does not. What is not an instant is shown as it is.
 */
export function formatDayTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = Object.fromEntries(dayTime.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** The clerk's own batches first, then the others'; each group keeps the server's order (oldest first). */
export function sortOpenBatches(items: readonly OpenBatch[]): OpenBatch[] {
  return [...items.filter((b) => b.mine), ...items.filter((b) => !b.mine)];
}

/** What is wrong with a discard reason as typed, as the server would say it; null when it will do. */
export function reasonProblem(text: string): 'validation.required' | 'validation.too_long' | null {
  const trimmed = text.trim();
  if (!trimmed) return 'validation.required';
  // Code points, as the server counts: a 𠮷 is one character.
  return [...trimmed].length > REASON_MAX ? 'validation.too_long' : null;
}

/**
 * `conflict_with` of a refusal's problem body: the open batch that holds the card, or
 * the card in the ledger; null when the body has none or something else.
 */
export function readConflict(body: unknown): ConflictWith | null {
  if (!body || typeof body !== 'object' || !('conflict_with' in body)) return null;
  const value: unknown = body.conflict_with;
  if (!value || typeof value !== 'object') return null;
  const { kind, id, at, by } = value as Record<string, unknown>;
  if ((kind !== 'ledger_scan_batch' && kind !== 'ledger_card') || typeof id !== 'string') return null;
  return { kind, id, at: typeof at === 'string' ? at : null, by: typeof by === 'string' ? by : null };
}

/** When an open batch is discarded once touched at `touchedAt`: its expiry moves by as much. */
export function expiryAfterTouch(expiresAt: string | null, wasTouchedAt: string, touchedAt: string): string | null {
  if (!expiresAt) return null;
  const span = Date.parse(expiresAt) - Date.parse(wasTouchedAt);
  const moved = Date.parse(touchedAt) + span;
  return Number.isNaN(moved) ? expiresAt : new Date(moved).toISOString();
}
