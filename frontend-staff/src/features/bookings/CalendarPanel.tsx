import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '../../i18n/ja';
import { t } from '../../i18n/t';
import { fullClass, fullText, slotTimes, summarise, total, type Closure, type DaySummary } from './calendar';
import {
  addDays,
  addMonths,
  formatDate,
  formatMonth,
  formatRange,
  formatShortDate,
  sameMonth,
  startOfMonth,
  todayInTokyo,
  weekdayOf,
  type IsoDate,
} from '../../../../frontend-shared/dates/japan';
import { monthGrid, weekDates, WEEKDAYS } from '../../lib/weeks';
import { useBookingCalendar, type Named } from './api';
import { LoadError } from './shared';

export type View = 'month' | 'week' | 'day';
export const VIEWS: readonly View[] = ['month', 'week', 'day'];

/** The first and last day the view shows around `date`. */
export function viewRange(view: View, date: IsoDate): [IsoDate, IsoDate] {
  if (view === 'day') return [date, date];
  const days = view === 'week' ? weekDates(date) : monthGrid(date).flat();
  return [days[0] ?? date, days[days.length - 1] ?? date];
}

/**
 * The date `step` views before (-1) or after (+1) `date`. A month step lands on the
 * month's first day, or on today in today's month, so that the week and day views
 * open where the clerk expects.
 */
export function stepDate(view: View, date: IsoDate, step: -1 | 1, today: IsoDate): IsoDate {
  if (view === 'month') {
    const first = addMonths(startOfMonth(date), step);
    return sameMonth(first, today) ? today : first;
  }
  return addDays(date, view === 'week' ? 7 * step : step);
}

const CLOSED: Record<string, MessageKey> = {
  weekly: 'bookings.closed.weekly',
  holiday: 'bookings.closed.holiday',
  year_end: 'bookings.closed.year_end',
  closure: 'bookings.closed.closure',
};

/** `勤労感謝の日`, `臨時休業（庁舎点検）`, `休業日`. */
export function closedLabel(closed: Closure): string {
  const kind = CLOSED[closed.kind];
  const label = kind ? t(kind) : closed.kind;
  if (closed.kind === 'holiday' && closed.name) return closed.name;
  return closed.name ? `${label}（${closed.name}）` : label;
}

function dayLink(date: IsoDate, locationId: string): string {
  return `/bookings/day/${date}?location=${encodeURIComponent(locationId)}`;
}

function weekendClass(date: IsoDate): string {
  const day = weekdayOf(date);
  return day === 0 ? 'bookings-sun' : day === 6 ? 'bookings-sat' : '';
}

/** The heading of a weekday column: Saturday and Sunday in their colours. */
function columnClass(column: number): string {
  return column === 6 ? 'bookings-sun' : column === 5 ? 'bookings-sat' : '';
}

interface Props {
  location: Named;
  view: View;
  date: IsoDate;
  onNavigate(change: { view?: View; date?: IsoDate }): void;
  /** The location selector, first in the toolbar. */
  locationControl: ReactNode;
}

export function CalendarPanel({ location, view, date, onNavigate, locationControl }: Props) {
  const headingId = useId();
  const today = todayInTokyo();
  const [from, to] = viewRange(view, date);
  const calendar = useBookingCalendar(location.id, from, to);
  const days = summarise(calendar.data);
  const period = view === 'month' ? formatMonth(date) : view === 'week' ? formatRange(from, to) : formatDate(date);

  return (
    <div className="bookings-calendar">
      <div className="bookings-toolbar">
        {locationControl}
        <div className="bookings-segmented" role="group" aria-label={t('bookings.calendar.views')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => onNavigate({ view: v })}>
              {t(`bookings.calendar.${v}`)}
            </button>
          ))}
        </div>
        <div className="bookings-segmented" role="group" aria-label={t('bookings.calendar.period')}>
          <button type="button" onClick={() => onNavigate({ date: stepDate(view, date, -1, today) })}>
            <span aria-hidden="true">‹ </span>
            {t(`bookings.calendar.prev.${view}`)}
          </button>
          <button type="button" onClick={() => onNavigate({ date: today })}>
            {t('bookings.calendar.today')}
          </button>
          <button type="button" onClick={() => onNavigate({ date: stepDate(view, date, 1, today) })}>
            {t(`bookings.calendar.next.${view}`)}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      <h2 id={headingId} className="bookings-period" aria-live="polite">
        {t('bookings.calendar.heading', { location: location.name, period })}
      </h2>
      <p className="hint">{t('bookings.calendar.legend')}</p>
      <p className="hint">{t('bookings.calendar.heldLegend')}</p>
      {calendar.isError && <LoadError error={calendar.error} what={t('bookings.calendar.what')} />}
      {calendar.isPending && (
        <p role="status" className="bookings-loading">
          {t('bookings.loading')}
        </p>
      )}
      {view === 'month' && (
        <MonthView
          labelledBy={headingId}
          date={date}
          today={today}
          days={days}
          loaded={calendar.isSuccess}
          locationId={location.id}
        />
      )}
      {view === 'week' && (
        <WeekView
          labelledBy={headingId}
          dates={weekDates(date)}
          today={today}
          days={days}
          loaded={calendar.isSuccess}
          locationId={location.id}
        />
      )}
      {view === 'day' && calendar.isSuccess && (
        <DayView labelledBy={headingId} date={date} day={days.get(date)} locationId={location.id} />
      )}
    </div>
  );
}

function DayCounts({ day }: { day: DaySummary }) {
  return (
    <>
      <span className={day.booked > 0 ? 'bookings-count bookings-has-booked' : 'bookings-count'}>
        {t('bookings.calendar.booked', { booked: day.booked, places: day.places })}
      </span>
      <span className={['bookings-count', fullClass(day)].filter(Boolean).join(' ')}>
        {day.remaining === 0 ? fullText(day.held) : t('bookings.calendar.remaining', { remaining: day.remaining })}
      </span>
      <span className="bookings-count">{t('bookings.calendar.checkedIn', { count: day.checkedIn })}</span>
    </>
  );
}

interface MonthProps {
  labelledBy: string;
  date: IsoDate;
  today: IsoDate;
  days: Map<IsoDate, DaySummary>;
  loaded: boolean;
  locationId: string;
}

function MonthView({ labelledBy, date, today, days, loaded, locationId }: MonthProps) {
  return (
    <table className="bookings-month" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {WEEKDAYS.map((w, i) => (
            <th key={w} scope="col" className={columnClass(i)}>
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(date).map((week) => (
          <tr key={week[0]}>
            {week.map((d) => {
              const day = days.get(d);
              const classes = [
                'bookings-month-day',
                weekendClass(d),
                sameMonth(d, date) ? '' : 'bookings-other-month',
                d === today ? 'bookings-today' : '',
                day?.closed ? 'bookings-closed-day' : '',
              ]
                .filter(Boolean)
                .join(' ');
              const [, m, dayOfMonth] = d.split('-').map(Number);
              return (
                <td key={d} className={classes}>
                  <Link
                    to={dayLink(d, locationId)}
                    className="bookings-day-link"
                    aria-current={d === today ? 'date' : undefined}
                  >
                    <span className="bookings-sr">{formatDate(d)}</span>
                    <span className="bookings-day-number" aria-hidden="true">
                      {dayOfMonth === 1 || !sameMonth(d, date) ? `${m}/${dayOfMonth}` : dayOfMonth}
                    </span>
                    {day?.closed && (
                      <span
                        className={
                          day.closed.kind === 'weekly'
                            ? 'bookings-closed-label bookings-closed-weekly'
                            : 'bookings-closed-label'
                        }
                      >
                        {closedLabel(day.closed)}
                      </span>
                    )}
                    {day && !day.closed && day.places > 0 && <DayCounts day={day} />}
                    {day && !day.closed && day.places === 0 && (
                      <span className="bookings-muted">{t('bookings.calendar.noSlots')}</span>
                    )}
                    {loaded && !day && <span className="bookings-muted">{t('bookings.calendar.noSlots')}</span>}
                    {day && day.unscheduled > 0 && (
                      <span className="bookings-warning">
                        {t('bookings.calendar.unscheduled', { count: day.unscheduled })}
                      </span>
                    )}
                  </Link>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface WeekProps {
  labelledBy: string;
  dates: IsoDate[];
  today: IsoDate;
  days: Map<IsoDate, DaySummary>;
  loaded: boolean;
  locationId: string;
}

function WeekView({ labelledBy, dates, today, days, loaded, locationId }: WeekProps) {
  const summaries = dates.map((d) => days.get(d));
  const times = slotTimes(summaries);
  return (
    <>
      <table className="bookings-week" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col" className="bookings-week-time">
              {t('bookings.calendar.time')}
            </th>
            {dates.map((d, i) => {
              const day = summaries[i];
              return (
                <th
                  key={d}
                  scope="col"
                  className={[weekendClass(d), d === today ? 'bookings-today' : ''].filter(Boolean).join(' ')}
                >
                  <Link to={dayLink(d, locationId)} aria-current={d === today ? 'date' : undefined}>
                    {formatShortDate(d)}
                  </Link>
                  {day && !day.closed && day.places > 0 && (
                    <span className="bookings-week-total">
                      {t('bookings.calendar.booked', { booked: day.booked, places: day.places })}
                    </span>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {times.map((slot, row) => (
            <tr key={slot.time}>
              <th scope="row" className="bookings-week-time">
                {t('bookings.calendar.slot', { start: slot.time, end: slot.endTime })}
              </th>
              {dates.map((d, i) => {
                const day = summaries[i];
                if (day?.closed) {
                  return row === 0 ? (
                    <td
                      key={d}
                      rowSpan={times.length}
                      className={
                        day.closed.kind === 'weekly'
                          ? 'bookings-week-closed bookings-closed-weekly'
                          : 'bookings-week-closed'
                      }
                    >
                      {closedLabel(day.closed)}
                    </td>
                  ) : null;
                }
                const cell = day?.slots.find((s) => s.time === slot.time);
                if (!cell) {
                  return (
                    <td key={d} className="bookings-week-none">
                      —
                    </td>
                  );
                }
                return (
                  <td
                    key={d}
                    className={['bookings-week-cell', fullClass(cell) ?? (cell.booked > 0 ? 'bookings-has-booked' : '')]
                      .filter(Boolean)
                      .join(' ')}
                  >
                    <span>{t('bookings.calendar.cell', { booked: cell.booked, places: cell.places })}</span>{' '}
                    <span className="bookings-week-remaining">
                      {cell.remaining === 0
                        ? fullText(cell.held)
                        : t('bookings.calendar.cellRemaining', { remaining: cell.remaining })}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {loaded && times.length === 0 && <p className="notice">{t('bookings.calendar.noSlotsWeek')}</p>}
    </>
  );
}

function DayView({
  labelledBy,
  date,
  day,
  locationId,
}: {
  labelledBy: string;
  date: IsoDate;
  day: DaySummary | undefined;
  locationId: string;
}) {
  const sum = total([day]);
  return (
    <>
      <p>
        <Link to={dayLink(date, locationId)}>{t('bookings.calendar.dayList')}</Link>
      </p>
      {day?.closed && <p className="notice">{t('bookings.calendar.closedDay', { reason: closedLabel(day.closed) })}</p>}
      {day && day.unscheduled > 0 && (
        <p className="notice">{t('bookings.calendar.unscheduled', { count: day.unscheduled })}</p>
      )}
      {!day?.closed && (day?.slots.length ?? 0) === 0 && <p className="notice">{t('bookings.calendar.noSlotsWeek')}</p>}
      {day && day.slots.length > 0 && (
        <table className="bookings-table bookings-day-slots" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">{t('bookings.calendar.time')}</th>
              <th scope="col" className="bookings-num">
                {t('bookings.calendar.places')}
              </th>
              <th scope="col" className="bookings-num">
                {t('bookings.calendar.bookedColumn')}
              </th>
              <th scope="col" className="bookings-num">
                {t('bookings.calendar.remainingColumn')}
              </th>
              <th scope="col" className="bookings-num">
                {t('bookings.calendar.checkedInColumn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {day.slots.map((slot) => (
              <tr key={slot.time} className={fullClass(slot)}>
                <th scope="row">{t('bookings.calendar.slot', { start: slot.time, end: slot.endTime })}</th>
                <td className="bookings-num">{slot.places}</td>
                <td className="bookings-num">{slot.booked}</td>
                <td className="bookings-num">{slot.remaining === 0 ? fullText(slot.held) : slot.remaining}</td>
                <td className="bookings-num">{slot.checkedIn}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('bookings.calendar.total')}</th>
              <td className="bookings-num">{sum.places}</td>
              <td className="bookings-num">{sum.booked}</td>
              <td className="bookings-num">{sum.remaining}</td>
              <td className="bookings-num">{sum.checkedIn}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
