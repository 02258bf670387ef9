// The month calendar and the chosen day's time slots. A table with real column headers
// (so a screen reader says "火曜日" with each date); one day button in the tab order at
// a time, arrow keys move between the days that can be chosen, as in the WAI-ARIA date
// grid. A closed day can be chosen too, so that it can say why it is closed (休 / 祝 /
// 年末年始 / 臨時休業 in the cell, the reason in its name and in place of the slot list).
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { components } from '../api/client';
import { useAvailability } from '../api/queries';
import { useSite } from '../app/site';
import { Loading } from './Loading';
import { ProblemAlert } from './ProblemAlert';
import { addDays, formatMonth, todayInTokyo, type IsoDate } from '../../../frontend-shared/dates/japan';
import {
  shiftMonth,
  firstDay,
  formatDay,
  lastDay,
  monthOf,
  monthWeeks,
  timeOfInstant,
  WEEKDAY_NAMES,
  type YearMonth,
} from '../lib/dates';
import { t } from '../i18n/t';
import { dayMark, markSymbol, type DayMark } from '../lib/marks';
import { closedLabel, closedMark, closedOf, closedSentence, type Closed } from '../lib/closed';

type Slot = components['schemas']['SlotView'];

export interface CalendarProps {
  tenant: string;
  locationId: string;
  procedureId: string;
  /** People coming: a slot fits only with that many places left. */
  party: number;
  /** Called with the slot the resident picked; the calendar waits while it runs. */
  onChoose: (slot: Slot) => Promise<void> | void;
  busy?: boolean;
  /** The day to show chosen, as when the resident comes back from the form. */
  initialDay?: IsoDate | null;
  /** Places this resident already holds: offered again, not counted as taken. */
  held?: { start: string; places: number } | null;
}

const WEEKDAY_SHORT = ['日', '月', '火', '水', '木', '金', '土'] as const;
const MARK_LABEL: Record<DayMark, Parameters<typeof t>[0]> = {
  many: 'mark.many',
  some: 'mark.some',
  few: 'mark.few',
  full: 'mark.full',
  none: 'mark.none',
};

/** The last month worth showing: the booking window's far end, or the period's end. */
function lastMonth(today: IsoDate, opensDaysBefore: number, lastDate: string | null | undefined): YearMonth {
  const farthest = addDays(today, opensDaysBefore);
  return monthOf(lastDate && lastDate < farthest ? lastDate : farthest);
}

export function Calendar({
  tenant,
  locationId,
  procedureId,
  party,
  onChoose,
  busy = false,
  initialDay = null,
  held = null,
}: CalendarProps) {
  const site = useSite();
  const today = todayInTokyo();
  const first = monthOf(site.booking.first_date && site.booking.first_date > today ? site.booking.first_date : today);
  const last = lastMonth(today, site.booking.opens.days_before, site.booking.last_date);
  const [month, setMonth] = useState<YearMonth>(
    initialDay && monthOf(initialDay) > first ? monthOf(initialDay) : first,
  );
  const [selected, setSelected] = useState<IsoDate | null>(initialDay);
  const [focusDay, setFocusDay] = useState<IsoDate | null>(null);
  // Whether a day button has keyboard focus: a closed day then says why below the grid,
  // as its name already does to a screen reader.
  const [keyboardOnDay, setKeyboardOnDay] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const from = firstDay(month) < today ? today : firstDay(month);
  const availability = useAvailability(tenant, locationId, procedureId, from, lastDay(month));
  const grid = useRef<HTMLTableElement>(null);
  const slotsHeading = useRef<HTMLHeadingElement>(null);
  const monthTitle = useRef<HTMLParagraphElement>(null);

  const days = useMemo(
    () =>
      new Map(
        (availability.data?.days ?? []).map((day) => [
          day.date,
          day.slots.map((slot) =>
            held && slot.start === held.start ? { ...slot, remaining: slot.remaining + held.places } : slot,
          ),
        ]),
      ),
    [availability.data, held],
  );
  const closedDays = useMemo(
    () =>
      new Map(
        (availability.data?.days ?? []).flatMap((day): [IsoDate, Closed][] => {
          const closed = closedOf(day);
          return closed ? [[day.date, closed]] : [];
        }),
      ),
    [availability.data],
  );
  const marks = useMemo(() => new Map([...days].map(([date, slots]) => [date, dayMark(slots, party)])), [days, party]);
  const bookable = useMemo(
    () =>
      [...marks]
        .filter(([, mark]) => mark !== 'none' && mark !== 'full')
        .map(([date]) => date)
        .sort(),
    [marks],
  );
  const chosenDays = useMemo(
    () =>
      [...marks]
        .filter(([date, mark]) => mark !== 'none' || closedDays.has(date))
        .map(([date]) => date)
        .sort(),
    [marks, closedDays],
  );

  // A month with nothing left to book (late in the month, say) moves on once by itself
  // (set while rendering, as state that follows other state: React renders again at once).
  if (!advanced && availability.data && bookable.length === 0 && month < last) {
    setAdvanced(true);
    setMonth(shiftMonth(month, 1));
  }

  const tabbable =
    focusDay && chosenDays.includes(focusDay)
      ? focusDay
      : selected && chosenDays.includes(selected)
        ? selected
        : (bookable[0] ?? chosenDays[0] ?? null);

  function focusOn(date: IsoDate) {
    setFocusDay(date);
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${date}"]`)?.focus();
  }

  function onKey(event: KeyboardEvent<HTMLButtonElement>, date: IsoDate) {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
    let target: IsoDate | undefined;
    if (step !== undefined) {
      const exact = addDays(date, step);
      target = chosenDays.includes(exact)
        ? exact
        : step > 0
          ? chosenDays.find((d) => d > exact)
          : [...chosenDays].reverse().find((d) => d < exact);
    } else if (event.key === 'Home') target = chosenDays[0];
    else if (event.key === 'End') target = chosenDays[chosenDays.length - 1];
    if (target === undefined && step === undefined) return;
    event.preventDefault();
    if (target) focusOn(target);
  }

  /** Another month: the chosen day goes, and focus moves to the month's name, which is read out. */
  function showMonth(next: YearMonth) {
    setMonth(next);
    setSelected(null);
    setFocusDay(null);
    requestAnimationFrame(() => monthTitle.current?.focus());
  }

  function choose(date: IsoDate) {
    setSelected(date);
    setFocusDay(date);
    // The slots appear below; moving there saves a long walk with the Tab key.
    requestAnimationFrame(() => slotsHeading.current?.focus());
  }

  const slots: Slot[] = selected ? (days.get(selected) ?? []) : [];
  const selectedClosed = selected ? closedDays.get(selected) : undefined;
  const focusedClosed = keyboardOnDay && focusDay && focusDay !== selected ? closedDays.get(focusDay) : undefined;

  return (
    <div className="calendar">
      <div className="month-nav">
        <button
          type="button"
          className="secondary"
          onClick={() => showMonth(shiftMonth(month, -1))}
          disabled={month <= first}
        >
          ‹ {t('calendar.prev')}
        </button>
        <p className="month-title" ref={monthTitle} tabIndex={-1}>
          {formatMonth(month)}
        </p>
        <button
          type="button"
          className="secondary"
          onClick={() => showMonth(shiftMonth(month, 1))}
          disabled={month >= last}
        >
          {t('calendar.next')} ›
        </button>
      </div>
      {availability.isPending && <Loading />}
      {availability.isError && <ProblemAlert error={availability.error} />}
      {availability.data && (
        <>
          <p className="calendar-help">{t('calendar.keys')}</p>
          <table ref={grid} className="month">
            <caption>{t('calendar.caption', { month: formatMonth(month) })}</caption>
            <thead>
              <tr>
                {WEEKDAY_SHORT.map((day, index) => (
                  <th
                    key={day}
                    scope="col"
                    abbr={WEEKDAY_NAMES[index]}
                    className={index === 0 ? 'sun' : index === 6 ? 'sat' : undefined}
                  >
                    {day}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week) => (
                <tr key={week.find(Boolean) ?? month}>
                  {week.map((date, index) => {
                    if (!date) return <td key={`blank-${index}`} />;
                    const mark = marks.get(date) ?? 'none';
                    const closed = closedDays.get(date);
                    const label = t('calendar.dayLabel', {
                      date: formatDay(date),
                      mark: closed ? closedLabel(closed) : t(MARK_LABEL[mark]),
                    });
                    const day = Number(date.slice(8));
                    if (mark === 'none' && !closed) {
                      return (
                        <td key={date} className="day day-none">
                          <span className="day-box" aria-hidden="true">
                            <span>{day}</span>
                            <span className="mark">{markSymbol(mark)}</span>
                          </span>
                          <span className="visually-hidden">{label}</span>
                        </td>
                      );
                    }
                    const dayButton = (
                      <button
                        type="button"
                        data-date={date}
                        aria-label={label}
                        aria-pressed={selected === date}
                        tabIndex={date === tabbable ? 0 : -1}
                        onKeyDown={(event) => onKey(event, date)}
                        onFocus={(event) => {
                          setFocusDay(date);
                          setKeyboardOnDay(focusVisible(event.currentTarget));
                        }}
                        onBlur={() => setKeyboardOnDay(false)}
                        onClick={() => choose(date)}
                      >
                        {!closed && (
                          <>
                            <span aria-hidden="true">{day}</span>
                            <span aria-hidden="true" className="mark">
                              {markSymbol(mark)}
                            </span>
                          </>
                        )}
                      </button>
                    );
                    if (closed) {
                      // The words (臨時休業) are drawn over the button, not inside it: a button's
                      // own text must appear in its name (WCAG 2.5.3), and 「30 臨時休業」 is not
                      // in 「12月30日（水）、臨時休業（…）」, which reads far better.
                      return (
                        <td key={date} className={`day day-closed day-closed-${closed.kind}`}>
                          {dayButton}
                          <span className="day-box" aria-hidden="true">
                            <span>{day}</span>
                            <span className="mark">{closedMark(closed)}</span>
                          </span>
                        </td>
                      );
                    }
                    return (
                      <td key={date} className={`day day-${mark}`}>
                        {dayButton}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {focusDay && focusedClosed && (
            // The focused button's name says the same to a screen reader: hidden from it here.
            <p className="closed-note" data-testid="closed-focus-note" aria-hidden="true">
              {t('calendar.closedNote', { date: formatDay(focusDay), sentence: closedSentence(focusedClosed) })}
            </p>
          )}
          {bookable.length === 0 && <p className="notice">{t('calendar.nothingThisMonth')}</p>}
          <Legend />
          {availability.isFetching && !availability.isPending && (
            <p role="status" className="muted">
              {t('calendar.updating')}
            </p>
          )}
        </>
      )}
      <section className="slots" aria-labelledby="slots-heading">
        {selected ? (
          <>
            <h2 id="slots-heading" ref={slotsHeading} tabIndex={-1}>
              {t('calendar.slotsHeading', { date: formatDay(selected) })}
            </h2>
            {selectedClosed ? (
              <p className="closed-note">{closedSentence(selectedClosed)}</p>
            ) : slots.length === 0 ? (
              <p>{t('calendar.noSlots')}</p>
            ) : (
              <ul className="slot-list">
                {slots.map((slot) => (
                  <li key={slot.start}>
                    <SlotButton slot={slot} party={party} busy={busy} onChoose={onChoose} />
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <h2 id="slots-heading" className="muted-heading">
            {t('calendar.pickDay')}
          </h2>
        )}
      </section>
    </div>
  );
}

function SlotButton({
  slot,
  party,
  busy,
  onChoose,
}: {
  slot: Slot;
  party: number;
  busy: boolean;
  onChoose: CalendarProps['onChoose'];
}) {
  const fits = slot.remaining >= party;
  const state =
    slot.remaining === 0
      ? `× ${t('calendar.slotFull')}`
      : fits
        ? t('calendar.remaining', { count: slot.remaining })
        : `× ${t('calendar.slotTooSmall', { count: party })}`;
  // The visible text is the accessible name: "9:00〜9:30 残り3人" (WCAG 2.5.3).
  return (
    <button
      type="button"
      className={fits ? 'slot' : 'slot slot-full'}
      disabled={!fits || busy}
      onClick={() => void onChoose(slot)}
    >
      <span className="slot-time">
        {timeOfInstant(slot.start)}〜{timeOfInstant(slot.end)}
      </span>{' '}
      <span className="slot-state">{state}</span>
    </button>
  );
}

/**
 * Whether focus came from the keyboard (or from a script answering a key), not from a
 * tap or a click, which choose the day at once and need no note.
 */
function focusVisible(element: HTMLElement): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    // A browser without the selector: better a note too many than none for the keyboard.
    return true;
  }
}

function Legend() {
  return (
    <div className="legend">
      <h2 className="legend-title">{t('calendar.legend')}</h2>
      <ul>
        {(['many', 'some', 'few', 'full', 'none'] as const).map((mark) => (
          <li key={mark}>
            <span aria-hidden="true" className={`mark mark-${mark}`}>
              {markSymbol(mark)}
            </span>
            {t(MARK_LABEL[mark])}
          </li>
        ))}
        {(['weekly', 'holiday'] as const).map((kind) => (
          <li key={kind}>
            <span aria-hidden="true" className={`mark mark-closed-${kind}`}>
              {t(`closed.mark.${kind}`)}
            </span>
            {t(`closed.label.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
