// Pieces shared by the counter and schedule screens: the breadcrumb, the error
// summary with the bookings a refused change names, the saved message.
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorMessage, t } from '../../i18n/t';
import { formatDate } from '../../../../frontend-shared/dates/japan';
import { affectedBookings, parseTime, displayTime } from './logic';
import { scheduleJa } from './messages';
import './schedule.css';

const table: Record<string, string> = scheduleJa;

/** Our text for an API code, then the shared one. */
export function problemText(code: string): string {
  return table[`schedule.error.${code}`] ?? errorMessage(code);
}

/** `bands.1` → 受付時間帯 2; unknown fields are shown as sent. */
export function fieldLabel(field: string, labels: Record<string, string> = {}): string {
  if (labels[field]) return labels[field];
  const [head = field, index] = field.split('.');
  const base = labels[head] ?? table[`schedule.field.${head}`] ?? head;
  return index !== undefined && /^\d+$/.test(index) ? `${base} ${Number(index) + 1}` : base;
}

export interface Crumb {
  to: string;
  label: string;
}

/** Settings › 窓口と予約枠 › …; the last one is the page itself. */
export function Crumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav aria-label={t('schedule.crumbs')} className="schedule-crumbs">
      <ol>
        <li>
          <Link to="/settings">{t('schedule.crumbs.settings')}</Link>
        </li>
        {trail.map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The page frame: one h1, the breadcrumb above it. */
export function Page({
  title,
  trail,
  children,
  wide,
}: {
  title: string;
  trail: Crumb[];
  children: ReactNode;
  wide?: boolean;
}) {
  useEffect(() => {
    const previous = document.title;
    document.title = `${title} - ${previous.split(' - ').pop() ?? previous}`;
    return () => {
      document.title = previous;
    };
  }, [title]);
  return (
    <section aria-labelledby="page-heading" className={wide ? 'schedule-page schedule-page-wide' : 'schedule-page'}>
      <Crumbs trail={trail} />
      <h1 id="page-heading">{title}</h1>
      {children}
    </section>
  );
}

export const OVERVIEW: Crumb = { to: '/settings/counters', label: t('schedule.overview.title') };

const BOOKING_CODES = [
  'schedule.strands_bookings',
  'location.has_bookings',
  'procedure.has_bookings',
  'pool.procedure_has_bookings',
];

/**
 * What went wrong, focused when it appears: the problem, each field with its label,
 * and for a refused change the bookings it would affect, each linked.
 */
export function ProblemSummary({
  error,
  labels,
  title,
  fieldIds,
}: {
  error: ApiError;
  labels?: Record<string, string>;
  title?: string;
  fieldIds?: Record<string, string>;
}) {
  const bookings = affectedBookings(error.errors);
  const fields = error.errors.filter((e) => e.field !== 'bookings');
  const code = error.status === 0 ? 'network' : error.code;
  const affected = bookings.length > 0 || BOOKING_CODES.includes(code);
  const items = fields.map((e) => {
    // A bad line of an uploaded file is quoted, so that it can be found.
    const quoted = e.line ? /`([^`]*)`/.exec(e.message)?.[1] : undefined;
    const text = `${fieldLabel(e.field, labels)}${e.line ? `（${t('schedule.holidays.line', { line: e.line })}）` : ''}: ${problemText(e.code)}${quoted ? `「${quoted}」` : ''}`;
    return { target: fieldIds?.[e.field] ?? fieldIds?.[e.field.split('.')[0] ?? ''], text };
  });
  return (
    <ErrorSummary
      className="schedule-problem"
      focusKey={error}
      title={affected ? t('schedule.affected.title') : (title ?? t('schedule.errorSummary'))}
      lead={
        affected &&
        title && (
          <p>
            <strong>{title}</strong>
          </p>
        )
      }
      general={fields.length === 0 || code !== 'validation.failed' ? problemText(code) : null}
      items={items}
    >
      {bookings.length > 0 && (
        <>
          <table className="schedule-table schedule-affected">
            <caption>{t('schedule.affected.hint')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('schedule.affected.number')}</th>
                <th scope="col">{t('schedule.affected.when')}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => {
                const minutes = parseTime(b.time);
                return (
                  <tr key={`${b.number}-${b.date}-${b.time}`}>
                    <th scope="row">
                      <Link to={`/bookings/${encodeURIComponent(b.number)}`}>{b.number}</Link>
                    </th>
                    <td>
                      {formatDate(b.date)} {minutes === null ? b.time : displayTime(minutes)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="schedule-unchanged">{t('schedule.errorSummary.unchanged')}</p>
        </>
      )}
    </ErrorSummary>
  );
}

/** A saved message, read out politely. */
export function Saved({ text }: { text: string | null }) {
  return (
    <p role="status" className={text ? 'notice schedule-saved' : 'schedule-status-empty'}>
      {text}
    </p>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {t('schedule.loading')}
    </p>
  );
}

/** A list read from the server: while it loads, its failure, the words for none, or the list drawn by `children`. */
export function ListOf<T>({
  query,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T[] | undefined };
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError || !query.data) return <LoadFailed error={query.error} />;
  if (query.data.length === 0) return <p>{empty}</p>;
  return children(query.data);
}

export function LoadFailed({ error }: { error: unknown }) {
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : 'generic';
  return (
    <p role="alert" className="error-summary">
      {t('schedule.loadFailed')} {problemText(code)}
    </p>
  );
}
