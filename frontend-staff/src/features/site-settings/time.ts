// Publication periods: the form's <input type="datetime-local"> holds a wall-clock time
// without a zone, which clerks mean as Japan time; the API speaks RFC 3339 instants.
// Japan keeps +09:00 all year (no summer time), so a fixed offset is exact.

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 instant as the value of a datetime-local input, in Japan time ('' when absent or unreadable). */
export function toJapanLocalInput(instant: string | null | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + JAPAN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * A datetime-local value read as Japan time, as RFC 3339 with +09:00: `null` when empty,
 * `undefined` when it is not a real date and time (30 February, 25:00…).
 */
export function fromJapanLocalInput(value: string): string | null | undefined {
  const text = value.trim();
  if (text === '') return null;
  const m = LOCAL.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    second > 59
  ) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+09:00`;
}

const DISPLAY = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/** An instant for reading, in Japan time: 2026/3/1(日) 9:00. */
export function formatJapanTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : DISPLAY.format(new Date(ms));
}

/** Where a notice stands against its publication period, now. */
export type PublicationState = 'published' | 'scheduled' | 'ended';

export function publicationState(
  from: string | null | undefined,
  until: string | null | undefined,
  now: number = Date.now(),
): PublicationState {
  if (until && Date.parse(until) <= now) return 'ended';
  if (from && Date.parse(from) > now) return 'scheduled';
  return 'published';
}
