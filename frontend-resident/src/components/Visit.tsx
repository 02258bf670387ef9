import { visitParts } from '../lib/dates';

/**
 * 2026年12月1日（火） 8:30〜9:00, with the day and the time each kept on one line: large
 * text may wrap between them, never inside 8:30〜9:00.
 */
export function Visit({ start, end }: { start: string; end: string }) {
  const [day, time] = visitParts(start, end);
  return (
    <>
      <span className="nowrap">{day}</span> <span className="nowrap">{time}</span>
    </>
  );
}
