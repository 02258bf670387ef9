// The calendar API answers per pool (a location's counters), day and slot; the clerk
// sees the location as a whole: the pools' counts are summed per day and per slot time.
import type { components } from '../../api/schema';
import { formatTime, type IsoDate } from '../../../../frontend-shared/dates/japan';
import { t } from '../../i18n/t';

export type CalendarView = components['schemas']['CalendarView'];

export interface Counts {
  places: number;
  booked: number;
  remaining: number;
  /** Places residents hold while filling in the form: taken now, free again when the hold expires. */
  held: number;
  checkedIn: number;
}

export interface SlotSummary extends Counts {
  /** `09:00`, Japan time: the key that lines slots of several pools up. */
  time: string;
  endTime: string;
}

export interface Closure {
  /** `weekly`, `holiday`, `year_end` or `closure`. */
  kind: string;
  /** The holiday's name or the closure's reason. */
  name: string | null;
}

export interface DaySummary extends Counts {
  date: IsoDate;
  /** Why the day is closed, when no counter of the location opens. */
  closed: Closure | null;
  /** Whether any pool had the day at all (a location without counters has none). */
  known: boolean;
  slots: SlotSummary[];
  /** Bookings on slots that no longer exist (the hours changed after they were made). */
  unscheduled: number;
}

function emptyDay(date: IsoDate): DaySummary {
  return {
    date,
    closed: null,
    known: false,
    slots: [],
    unscheduled: 0,
    places: 0,
    booked: 0,
    remaining: 0,
    held: 0,
    checkedIn: 0,
  };
}

function add(into: Counts, from: Counts): void {
  into.places += from.places;
  into.booked += from.booked;
  into.remaining += from.remaining;
  into.held += from.held;
  into.checkedIn += from.checkedIn;
}

/** One summary per day of the answer, the pools summed; slots in time order. */
export function summarise(view: CalendarView | undefined): Map<IsoDate, DaySummary> {
  const days = new Map<IsoDate, DaySummary>();
  const open = new Set<IsoDate>();
  for (const pool of view?.pools ?? []) {
    for (const day of pool.days) {
      let summary = days.get(day.date);
      if (!summary) {
        summary = emptyDay(day.date);
        days.set(day.date, summary);
      }
      summary.known = true;
      summary.unscheduled += day.unscheduled_booked;
      if (day.closed) {
        summary.closed ??= { kind: day.closed, name: day.closed_name ?? null };
        continue;
      }
      open.add(day.date);
      for (const slot of day.slots) {
        const counts: Counts = {
          places: slot.places,
          booked: slot.booked,
          remaining: slot.remaining,
          held: slot.held,
          checkedIn: slot.checked_in,
        };
        add(summary, counts);
        const time = formatTime(slot.start);
        const existing = summary.slots.find((s) => s.time === time);
        if (existing) add(existing, counts);
        else summary.slots.push({ time, endTime: formatTime(slot.end), ...counts });
      }
    }
  }
  for (const summary of days.values()) {
    // A day is open when one counter of the location opens.
    if (open.has(summary.date)) summary.closed = null;
    summary.slots.sort((a, b) => a.time.localeCompare(b.time));
  }
  return days;
}

/** Every slot time of the given days, in order: the rows of the week grid. */
export function slotTimes(days: readonly (DaySummary | undefined)[]): { time: string; endTime: string }[] {
  const times = new Map<string, string>();
  for (const day of days)
    for (const slot of day?.slots ?? []) if (!times.has(slot.time)) times.set(slot.time, slot.endTime);
  return [...times].sort(([a], [b]) => a.localeCompare(b)).map(([time, endTime]) => ({ time, endTime }));
}

/** The total over some days. */
export function total(days: readonly (DaySummary | undefined)[]): Counts {
  const sum: Counts = { places: 0, booked: 0, remaining: 0, held: 0, checkedIn: 0 };
  for (const day of days) if (day) add(sum, day);
  return sum;
}

/**
 * How no place left reads: 満員, or 残り0（仮押さえ n） when residents still filling in
 * the form hold some of them. Those come back when the hold expires, so staff should
 * not tell a caller that the slot is full.
 */
export function fullText(held: number): string {
  return held > 0 ? t('bookings.calendar.held', { held }) : t('bookings.calendar.full');
}

/** The class of a slot or day with no place left: held (will free up) is not full. */
export function fullClass(counts: Pick<Counts, 'remaining' | 'held'>): string | undefined {
  if (counts.remaining > 0) return undefined;
  return counts.held > 0 ? 'bookings-held' : 'bookings-full';
}
