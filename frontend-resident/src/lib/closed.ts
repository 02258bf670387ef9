// Why a counter is closed on a day, as residents read it: the calendar cell's short mark
// (休 / 祝 / 年末年始 / 臨時休業), the cell's full name for screen readers and the sentence
// shown in place of the slot list.
//
// The API names the kind (`weekly`, `holiday`, `year_end`, `closure`) and, for a holiday
// or the municipality's own closure, a name or reason. The reason is text an official
// typed: it is only ever put into messages as a string and rendered by React as text.
import { t } from '../i18n/t';

export type ClosedKind = 'weekly' | 'holiday' | 'year_end' | 'closure';

export interface Closed {
  kind: ClosedKind;
  /** The holiday's name or the municipality's reason; null when none was given. */
  reason: string | null;
}

const KINDS: readonly string[] = ['weekly', 'holiday', 'year_end', 'closure'] satisfies ClosedKind[];

/**
 * The closure of an API day, or null on an open day. A kind this app does not know yet
 * (the API types it as a string) is still a closed day: it reads as a plain 休業日.
 */
export function closedOf(day: { closed?: string | null; closed_reason?: string | null }): Closed | null {
  if (!day.closed) return null;
  const kind = KINDS.includes(day.closed) ? (day.closed as ClosedKind) : 'weekly';
  // A closure saved without a reason comes as an empty string: say nothing rather than 「（）」.
  const reason = day.closed_reason?.trim() || null;
  return { kind, reason };
}

/** The few characters that fit in a calendar cell. */
export function closedMark(closed: Closed): string {
  return t(`closed.mark.${closed.kind}`);
}

/** The cell's full name: 臨時休業（システム更新）, 祝日（成人の日）, 休業日. */
export function closedLabel(closed: Closed): string {
  const label = t(`closed.label.${closed.kind}`);
  return closed.reason ? t('closed.labelWithReason', { label, reason: closed.reason }) : label;
}

/** The line that stands in for the slot list: この日は臨時休業です（システム更新）。 */
export function closedSentence(closed: Closed): string {
  return closed.reason
    ? t(`closed.sentence.${closed.kind}WithReason`, { reason: closed.reason })
    : t(`closed.sentence.${closed.kind}`);
}
