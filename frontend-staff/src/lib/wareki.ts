// Birth dates as clerks read them: 和暦 first (昭和50年4月1日), as on the
// residents' papers, with 西暦 beside it.
import { isIsoDate, type IsoDate } from './dates';

// Each era with its first day; the same table as the server's parser (domain/wareki.rs).
const ERAS: readonly (readonly [string, IsoDate])[] = [
  ['令和', '2019-05-01'],
  ['平成', '1989-01-08'],
  ['昭和', '1926-12-25'],
  ['大正', '1912-07-30'],
  ['明治', '1868-01-25'],
];

function parts(date: IsoDate): [number, number, number] {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  return [y, m, d];
}

/** `昭和50年4月1日`; the first year of an era is 元年. Before 明治, the 西暦. */
export function formatWareki(date: IsoDate): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = parts(date);
  const era = ERAS.find(([, start]) => date >= start);
  if (!era) return `${y}年${m}月${d}日`;
  const year = y - Number(era[1].slice(0, 4)) + 1;
  return `${era[0]}${year === 1 ? '元' : year}年${m}月${d}日`;
}

/** `1975/04/01`. */
export function formatSeireki(date: IsoDate): string {
  return isIsoDate(date) ? date.replaceAll('-', '/') : date;
}

/** `1975/4/1`, short, for a table cell full of dates. */
export function formatShortSeireki(date: IsoDate | null | undefined): string {
  if (!date || !isIsoDate(date)) return '—';
  const [y, m, d] = parts(date);
  return `${y}/${m}/${d}`;
}
