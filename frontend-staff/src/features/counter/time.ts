// Dates and times as the counter reads them: always in Japan time, whatever the laptop says.
const TOKYO = 'Asia/Tokyo';

/** `YYYY-MM-DD` of `at` in Japan. */
export function japanDate(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day `days` after a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return next.toISOString().slice(0, 10);
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** `2026-12-01` → `2026年12月1日（火）`. */
export function formatDate(date: string): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${y}年${m}月${d}日（${weekday}）`;
}

/** `HH:MM` of an instant in Japan. */
export function formatTime(at: string | Date): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: TOKYO, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(typeof at === 'string' ? new Date(at) : at);
}

/** `2026年12月1日（火） 10:00〜10:30`. */
export function formatSlot(start: string, end: string): string {
  return `${formatDate(japanDate(new Date(start)))} ${formatTime(start)}〜${formatTime(end)}`;
}

/** `2026年12月1日（火） 10:03` of an instant. */
export function formatInstant(at: string): string {
  return `${formatDate(japanDate(new Date(at)))} ${formatTime(at)}`;
}

/** A `YYYY-MM-DD` birth date as `1980年4月1日`. */
export function formatBirthDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return y && m && d ? `${y}年${m}月${d}日` : date;
}
