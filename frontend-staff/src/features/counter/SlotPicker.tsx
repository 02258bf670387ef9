// Finds a free slot for the call center: a day at a time, each slot a button with its
// remaining places. Used to book (NewBookingPage) and to move a booking (ChangeBookingPage).
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n/t';
import { poolDay, useCalendarDay, useCalendarFrom, type CalendarSlot } from './api';
import { problemMessage, asApiError } from './errors';
import { addDays, formatDate, formatSlot, formatTime, todayInTokyo } from '../../../../frontend-shared/dates/japan';

export interface SlotPickerProps {
  locationId: string;
  procedureId: string;
  /** People coming: a slot with fewer places left cannot be chosen (unless exceeding). */
  party: number;
  date: string;
  onDate: (date: string) => void;
  /** The chosen slot, or null. */
  value: CalendarSlot | null;
  onChange: (slot: CalendarSlot) => void;
  /** Administrators: offer the checkbox that opens full slots. */
  canExceed: boolean;
  exceed: boolean;
  onExceed: (exceed: boolean) => void;
  /** The booking's present slot (changing a booking): marked, not offered. */
  current?: string;
  legend: string;
  error?: string | undefined;
  /** Id of the element that takes focus from the error summary. */
  focusId: string;
}

const sameInstant = (a: string, b: string) => a !== '' && b !== '' && new Date(a).getTime() === new Date(b).getTime();

/** Whether a slot can be offered to a party: places enough, or an administrator exceeding. */
export function slotChoice(slot: CalendarSlot, party: number, exceed: boolean): 'free' | 'short' | 'full' {
  if (slot.remaining >= party) return 'free';
  return exceed ? 'short' : 'full';
}

/**
 * What a slot's button says of its places: 残り n, too few for the party, 満員, or — when
 * residents still filling in the form hold the last places — 残り0（仮押さえ n）, which
 * come back when their holds expire, so the clerk can tell a caller to try again shortly.
 */
export function slotLabel(slot: Pick<CalendarSlot, 'remaining' | 'held'>, party: number): string {
  if (slot.remaining === 0) return slot.held > 0 ? t('counter.slots.held', { n: slot.held }) : t('counter.slots.full');
  if (slot.remaining < party) return t('counter.slots.short', { n: slot.remaining });
  return t('counter.slots.remaining', { n: slot.remaining });
}

/** The first day from today with a slot that has not ended, for the picker's start. */
export function useFirstOpenDay(locationId: string, procedureId: string): string | undefined {
  const today = todayInTokyo();
  const query = useCalendarFrom(
    locationId,
    today,
    addDays(today, 31),
    locationId !== '' && procedureId !== '',
    // Judged again at each render (the function is new each time), against the clock then.
    (data) => {
      const pool = data.pools.find((p) => p.procedure_ids.includes(procedureId));
      const now = Date.now();
      const day = pool?.days.find((d) => d.slots.some((s) => new Date(s.end).getTime() > now));
      return day?.date ?? today;
    },
  );
  if (query.data === undefined) return query.isError ? today : undefined;
  return query.data;
}

export function SlotPicker(props: SlotPickerProps) {
  const {
    locationId,
    procedureId,
    party,
    date,
    onDate,
    value,
    onChange,
    canExceed,
    exceed,
    onExceed,
    current,
    legend,
    error,
    focusId,
  } = props;
  const ids = { exceedHint: useId(), error: useId(), list: useId() };
  const calendar = useCalendarDay(locationId, date);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const ready = locationId !== '' && procedureId !== '';
  const day = poolDay(calendar.data, procedureId);
  const slots = (day?.slots ?? []).filter((s) => new Date(s.end).getTime() > now);
  const ended = (day?.slots.length ?? 0) - slots.length;

  // Enter in the date field moves the picker, never submits the surrounding form.
  const onDateKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  let body;
  if (!ready) body = <p className="hint">{t('counter.slots.chooseFirst')}</p>;
  else if (calendar.isPending) body = <p role="status">{t('counter.loading')}</p>;
  else if (calendar.isError)
    body = (
      <p role="alert" className="field-error">
        {problemMessage(asApiError(calendar.error))}
      </p>
    );
  else if (day === null) body = <p>{t('counter.slots.notOffered')}</p>;
  else if (day?.closed)
    body = (
      <p>{day.closed_name ? t('counter.slots.closedNamed', { name: day.closed_name }) : t('counter.slots.closed')}</p>
    );
  else if (slots.length === 0) body = <p>{t('counter.slots.none')}</p>;
  else
    body = (
      <>
        <ul
          className="counter-slot-grid"
          id={ids.list}
          aria-label={t('counter.slots.list', { date: formatDate(date) })}
        >
          {slots.map((slot) => {
            const isCurrent = current !== undefined && sameInstant(current, slot.start);
            const choice = slotChoice(slot, party, exceed && canExceed);
            const selected = value !== null && sameInstant(value.start, slot.start);
            const label = slotLabel(slot, party);
            return (
              <li key={slot.start}>
                <button
                  type="button"
                  className={`counter-slot counter-slot-${choice}${selected ? ' counter-slot-selected' : ''}`}
                  aria-pressed={selected}
                  disabled={isCurrent || choice === 'full'}
                  onClick={() => onChange(slot)}
                >
                  <span className="counter-slot-time">
                    {formatTime(slot.start)}〜{formatTime(slot.end)}
                  </span>{' '}
                  <span className="counter-slot-left">{isCurrent ? t('counter.slots.current') : label}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {ended > 0 && <p className="hint">{t('counter.slots.endedHidden')}</p>}
        {slots.some((s) => s.remaining === 0 && s.held > 0) && <p className="hint">{t('counter.slots.heldHint')}</p>}
      </>
    );

  return (
    <fieldset className="counter-fieldset counter-slots" aria-describedby={error ? ids.error : undefined}>
      <legend>{legend}</legend>
      <div className="counter-slot-nav">
        <label htmlFor={focusId}>{t('counter.slots.date')}</label>
        <input
          id={focusId}
          type="date"
          value={date}
          onChange={(e) => e.target.value && onDate(e.target.value)}
          onKeyDown={onDateKey}
          aria-invalid={error ? true : undefined}
          className="counter-date"
          aria-describedby={error ? ids.error : undefined}
        />
        <button type="button" className="counter-secondary" onClick={() => onDate(addDays(date, -1))}>
          {t('counter.slots.prev')}
        </button>
        <button type="button" className="counter-secondary" onClick={() => onDate(todayInTokyo())}>
          {t('counter.slots.today')}
        </button>
        <button type="button" className="counter-secondary" onClick={() => onDate(addDays(date, 1))}>
          {t('counter.slots.next')}
        </button>
        <span className="counter-slot-day">{formatDate(date)}</span>
      </div>
      {error && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
      {canExceed && (
        <div className="counter-check">
          <input
            id={`${focusId}-exceed`}
            type="checkbox"
            checked={exceed}
            onChange={(e) => onExceed(e.target.checked)}
            aria-describedby={ids.exceedHint}
          />
          <label htmlFor={`${focusId}-exceed`}>{t('counter.slots.beyond')}</label>
          <span id={ids.exceedHint} className="hint">
            {t('counter.slots.beyond.hint')}
          </span>
        </div>
      )}
      {body}
      {value && (
        <p className="counter-chosen" aria-live="polite">
          {t('counter.slots.chosen', { when: formatSlot(value.start, value.end) })}
        </p>
      )}
    </fieldset>
  );
}
