// When an audit line was written, read in Japan time whatever the clerk's laptop is set
// to: the log is evidence, and a time that shifts with the viewer's zone is not.
import { formatDate, formatTime, tokyoDateOf } from '../../../../frontend-shared/dates/japan';

const tokyoSeconds = /* @__PURE__ */ new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function isInstant(text: string): boolean {
  return !Number.isNaN(new Date(text).getTime());
}

/** `2026年12月6日 14:05:09`, in Japan time; what is not an instant is shown as it is. */
export function formatAuditTime(instant: string): string {
  if (!isInstant(instant)) return instant;
  return `${formatDate(tokyoDateOf(instant), false)} ${tokyoSeconds.format(new Date(instant))}`;
}

/** `2026年12月6日 09:00`, for the instants a detail holds (a booking's slot). */
export function formatInstant(instant: string): string {
  if (!isInstant(instant)) return instant;
  return `${formatDate(tokyoDateOf(instant), false)} ${formatTime(instant)}`;
}
