// Pure logic of the counter and schedule screens: opening bands and slots, the month
// calendar, the bookings a refused change names, the booking window in words.
import type { components } from '../../api/schema';
import { addDays } from '../../../../frontend-shared/dates/japan';

export type DayPlan = components['schemas']['DayPlanBody'];
export type CalendarDay = components['schemas']['CalendarDay'];
export type BookingRules = components['schemas']['BookingRulesBody'];

export const WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'] as const;
export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
export const MAX_PLACES = 999;

// ---------------------------------------------------------------- times and bands

/** Minutes since midnight of `8:30` / `08:30`; null when it is not a time of day. */
export function parseTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(
    text.trim().replace(/[０-９：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
  );
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** `08:30`, as the API reads it. */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `8:30`, as people write it. */
export function displayTime(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface BandDraft {
  start: string;
  end: string;
}

/** One day's hours as edited: inputs are text until saved. */
export interface PlanDraft {
  open: boolean;
  bands: BandDraft[];
  slotMinutes: string;
  places: string;
}

/** Splits the API's `08:30-12:00` (or `08:30-12:00,13:00-17:15`) into bands. */
export function splitBands(bands: readonly string[]): BandDraft[] {
  return bands
    .flatMap((band) => band.split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [start = '', end = ''] = part.split('-');
      return { start: start.trim(), end: end.trim() };
    });
}

export function planToDraft(plan: DayPlan | null | undefined): PlanDraft {
  if (!plan)
    return {
      open: false,
      bands: [
        { start: '08:30', end: '12:00' },
        { start: '13:00', end: '17:15' },
      ],
      slotMinutes: '30',
      places: '1',
    };
  return {
    open: true,
    bands: splitBands(plan.bands),
    slotMinutes: String(plan.slot_minutes),
    places: String(plan.places),
  };
}

export type BandFault = 'required' | 'time' | 'reversed' | 'overlap';
export type NumberFault = 'required' | 'number' | 'range';

export interface PlanFaults {
  /** By the band's index in the draft. */
  bands: Partial<Record<number, BandFault>>;
  noBands?: boolean;
  slotMinutes?: NumberFault;
  places?: NumberFault;
}

function wholeNumber(text: string, min: number, max: number): NumberFault | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  if (!/^\d+$/.test(trimmed)) return 'number';
  const value = Number(trimmed);
  return value < min || value > max ? 'range' : undefined;
}

/** Every fault of a draft, as the API would name them; a closed day has none. */
export function planFaults(draft: PlanDraft): PlanFaults {
  const faults: PlanFaults = { bands: {} };
  if (!draft.open) return faults;
  if (draft.bands.length === 0) faults.noBands = true;
  const parsed: { index: number; start: number; end: number }[] = [];
  draft.bands.forEach((band, index) => {
    if (band.start.trim() === '' || band.end.trim() === '') {
      faults.bands[index] = 'required';
      return;
    }
    const start = parseTime(band.start);
    const end = parseTime(band.end);
    if (start === null || end === null) faults.bands[index] = 'time';
    else if (start >= end) faults.bands[index] = 'reversed';
    else parsed.push({ index, start, end });
  });
  const sorted = [...parsed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const earlier = sorted[i - 1]!;
    const later = sorted[i]!;
    if (later.start < earlier.end) faults.bands[later.index] = 'overlap';
  }
  const slot = wholeNumber(draft.slotMinutes, MIN_SLOT_MINUTES, MAX_SLOT_MINUTES);
  if (slot) faults.slotMinutes = slot;
  const places = wholeNumber(draft.places, 0, MAX_PLACES);
  if (places) faults.places = places;
  return faults;
}

export function hasFaults(faults: PlanFaults): boolean {
  return Boolean(faults.noBands || faults.slotMinutes || faults.places || Object.keys(faults.bands).length > 0);
}

/** The draft as the API takes it (closed: null); call once `planFaults` found nothing. */
export function draftToPlan(draft: PlanDraft): DayPlan | null {
  if (!draft.open) return null;
  const bands = draft.bands
    .map((b) => ({ start: parseTime(b.start) ?? 0, end: parseTime(b.end) ?? 0 }))
    .sort((a, b) => a.start - b.start)
    .map((b) => `${formatTime(b.start)}-${formatTime(b.end)}`);
  return { bands, slot_minutes: Number(draft.slotMinutes.trim()), places: Number(draft.places.trim()) };
}

export interface Slot {
  start: number;
  end: number;
}

/** The slots of a plan: each band cut into whole slots, as the server does. */
export function slotsOf(plan: DayPlan): Slot[] {
  const slots: Slot[] = [];
  if (plan.slot_minutes < 1) return slots;
  for (const band of splitBands(plan.bands)) {
    const start = parseTime(band.start);
    const end = parseTime(band.end);
    if (start === null || end === null) continue;
    for (let at = start; at + plan.slot_minutes <= end; at += plan.slot_minutes)
      slots.push({ start: at, end: at + plan.slot_minutes });
  }
  return slots;
}

export interface PlanSummary {
  slots: number;
  placesPerDay: number;
  /** Minutes at band ends too short for a slot, which residents cannot book. */
  unused: number;
}

export function summarize(plan: DayPlan): PlanSummary {
  const slots = slotsOf(plan);
  let open = 0;
  for (const band of splitBands(plan.bands)) {
    const start = parseTime(band.start);
    const end = parseTime(band.end);
    if (start !== null && end !== null && end > start) open += end - start;
  }
  const booked = slots.length * plan.slot_minutes;
  return { slots: slots.length, placesPerDay: slots.length * plan.places, unused: Math.max(0, open - booked) };
}

/** `8:30〜12:00、13:00〜17:15` */
export function bandsText(plan: DayPlan): string {
  return splitBands(plan.bands)
    .map((b) => {
      const start = parseTime(b.start);
      const end = parseTime(b.end);
      return start === null || end === null ? `${b.start}〜${b.end}` : `${displayTime(start)}〜${displayTime(end)}`;
    })
    .join('、');
}

export function samePlan(a: DayPlan | null | undefined, b: DayPlan | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.slot_minutes === b.slot_minutes && a.places === b.places && bandsText(a) === bandsText(b);
}

/** Groups weekdays with the same plan: `月〜金 8:30〜17:15（30分・6人）`. */
export function weekGroups(
  weekdays: readonly (DayPlan | null | undefined)[],
): { days: number[]; plan: DayPlan | null }[] {
  const groups: { days: number[]; plan: DayPlan | null }[] = [];
  for (let day = 0; day < 7; day += 1) {
    const plan = weekdays[day] ?? null;
    const last = groups[groups.length - 1];
    if (last && samePlan(last.plan, plan) && last.days[last.days.length - 1] === day - 1) last.days.push(day);
    else groups.push({ days: [day], plan });
  }
  return groups;
}

export function daysText(days: readonly number[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return '';
  if (days.length === 1) return WEEKDAYS[first]!;
  if (days.length === 2) return `${WEEKDAYS[first]}・${WEEKDAYS[last]}`;
  return `${WEEKDAYS[first]}〜${WEEKDAYS[last]}`;
}

// ---------------------------------------------------------------- dates

/** `2025-07-14` from its parts (month 1–12). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parts(iso: string): [number, number, number] {
  const [y = '0', m = '1', d = '1'] = iso.split('-');
  return [Number(y), Number(m), Number(d)];
}

/** 0 = Monday … 6 = Sunday (the schedule's weeks start on Monday). */
export function weekdayOf(iso: string): number {
  const [y, m, d] = parts(iso);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

export function monthOf(iso: string): Month {
  const [year, month] = parts(iso);
  return { year, month };
}

export function shiftMonth({ year, month }: Month, by: number): Month {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthRange({ year, month }: Month): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: isoDate(year, month, 1), to: isoDate(year, month, last) };
}

/** The month's weeks, Monday first; days of other months are null. */
export function monthWeeks(month: Month): (string | null)[][] {
  const { from, to } = monthRange(month);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: weekdayOf(from) }, () => null);
  for (let day = from; day <= to; day = addDays(day, 1)) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

// ---------------------------------------------------------------- calendar days

/** Minutes since midnight, Japan time, of an RFC 3339 instant. */
export function tokyoMinutes(instant: string): number {
  const local = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\+09:00$/.exec(instant);
  if (local) return Number(local[1]) * 60 + Number(local[2]);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return parseTime(text) ?? 0;
}

export type DayKind =
  /** Open as the weekly template says. */
  | 'weekly'
  /** Open with its own hours or places. */
  | 'open'
  /** Closed by a setting of this pool. */
  | 'closed'
  /** Closed for every counter of the municipality. */
  | 'closure'
  | 'holiday'
  | 'yearEnd'
  | 'weeklyClosed';

export interface DayState {
  kind: DayKind;
  /** The holiday's name or the closure's reason. */
  name: string;
  /** Whether the date has its own setting for this pool (one can go back to the week). */
  override: boolean;
  slots: number;
  places: number;
  booked: number;
  /** The day's hours as a plan, to start editing from. */
  plan: DayPlan | null;
}

/** Rebuilds a day's plan from its slots: consecutive slots make one band. */
export function planFromSlots(slots: readonly { start: string; end: string; places: number }[]): DayPlan | null {
  const first = slots[0];
  if (!first) return null;
  const times = slots
    .map((s) => ({ start: tokyoMinutes(s.start), end: tokyoMinutes(s.end) }))
    .sort((a, b) => a.start - b.start);
  const bands: Slot[] = [];
  for (const slot of times) {
    const last = bands[bands.length - 1];
    if (last && last.end === slot.start) last.end = slot.end;
    else bands.push({ ...slot });
  }
  const length = times[0]!.end - times[0]!.start;
  return {
    bands: bands.map((b) => `${formatTime(b.start)}-${formatTime(b.end)}`),
    slot_minutes: length,
    places: first.places,
  };
}

/** What a date of a pool's calendar is, against its weekly template and the closures. */
export function dayState(
  day: CalendarDay,
  week: readonly (DayPlan | null | undefined)[],
  closures: ReadonlySet<string>,
): DayState {
  const booked = day.slots.reduce((sum, s) => sum + s.booked, 0) + day.unscheduled_booked;
  const base = {
    name: day.closed_name ?? '',
    slots: day.slots.length,
    places: day.slots.reduce((sum, s) => sum + s.places, 0),
    booked,
  };
  const template = week[weekdayOf(day.date)] ?? null;
  switch (day.closed) {
    case 'holiday':
      return { ...base, kind: 'holiday', override: false, plan: template };
    case 'year_end':
      return { ...base, kind: 'yearEnd', override: false, plan: template };
    case 'weekly':
      return { ...base, kind: 'weeklyClosed', override: false, plan: null };
    case 'closure':
      return closures.has(day.date)
        ? { ...base, kind: 'closure', override: false, plan: template }
        : { ...base, kind: 'closed', override: true, plan: template };
    default: {
      const plan = planFromSlots(day.slots);
      const expected = template ? slotsOf(template) : [];
      const actual = day.slots.map((s) => ({ start: tokyoMinutes(s.start), end: tokyoMinutes(s.end) }));
      const same =
        template !== null &&
        expected.length === actual.length &&
        expected.every((slot, i) => slot.start === actual[i]?.start && slot.end === actual[i]?.end) &&
        day.slots.every((s) => s.places === template.places);
      if (same) return { ...base, kind: 'weekly', override: false, plan: template };
      return { ...base, kind: 'open', override: true, plan: plan ?? template };
    }
  }
}

// ---------------------------------------------------------------- refused changes

export interface AffectedBooking {
  number: string;
  date: string;
  time: string;
}

/** The bookings a refused change names (`field: bookings`, message `R123 2025-07-14 10:00`). */
export function affectedBookings(
  errors: readonly { field: string; code: string; message: string }[],
): AffectedBooking[] {
  const found: AffectedBooking[] = [];
  for (const error of errors) {
    if (error.field !== 'bookings') continue;
    const match = /^(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})/.exec(error.message.trim());
    if (match) found.push({ number: match[1]!, date: match[2]!, time: match[3]! });
  }
  return found;
}

// ---------------------------------------------------------------- booking window

export interface Moment {
  date: string;
  time: string;
}

/** The moment `days` days before `visit` at `at`, as the server computes it. */
export function momentBefore(visit: string, days: number, at: string): Moment {
  return { date: addDays(visit, -days), time: at };
}

/** `7月6日（日） 0:00` */
export function formatMoment(moment: Moment): string {
  const [, m, d] = parts(moment.date);
  const minutes = parseTime(moment.time);
  return `${m}月${d}日（${WEEKDAYS[weekdayOf(moment.date)]}） ${minutes === null ? moment.time : displayTime(minutes)}`;
}

// ---------------------------------------------------------------- holiday import

/**
 * Holidays per year in a syukujitsu.csv, read from its bytes (CP932 or UTF-8: the dates
 * are ASCII either way). Lines that are not `YYYY/M/D,…` are left to the server.
 */
export function holidaysPerYear(bytes: Uint8Array): Map<number, number> {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : ' ';
  const years = new Map<number, number>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(\d{4})[/-]\d{1,2}[/-]\d{1,2}\s*,/.exec(line);
    if (match) {
      const year = Number(match[1]);
      years.set(year, (years.get(year) ?? 0) + 1);
    }
  }
  return years;
}
