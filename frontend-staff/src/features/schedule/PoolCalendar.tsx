// A month of one counter: what each date does (the week, its own hours, closed,
// a holiday, the year-end break) and an editor for the date chosen.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import {
  asApiError,
  useCalendar,
  useClearPoolDate,
  useClosures,
  useRemoveClosure,
  useSetPoolDate,
  type Pool,
} from './api';
import { LoadFailed, ProblemSummary, Saved } from './common';
import { formatDate, todayInTokyo } from '../../../../frontend-shared/dates/japan';
import {
  WEEKDAYS,
  bandsText,
  dayState,
  draftToPlan,
  hasFaults,
  monthOf,
  monthRange,
  monthWeeks,
  planFaults,
  planToDraft,
  shiftMonth,
  weekdayOf,
  type DayPlan,
  type DayState,
  type Month,
  type PlanDraft,
  type PlanFaults,
} from './logic';
import { PlanFields, firstFaultId } from './PlanFields';
import { CancelClosureDialog } from './CancelClosureDialog';
import { strandedBookings } from './closure';

const KIND_LABEL: Record<DayState['kind'], MessageKey> = {
  weekly: 'schedule.pool.day.weekly',
  open: 'schedule.pool.day.open',
  closed: 'schedule.pool.day.closed',
  closure: 'schedule.pool.day.closure',
  holiday: 'schedule.pool.day.holiday',
  yearEnd: 'schedule.pool.day.yearEnd',
  weeklyClosed: 'schedule.pool.day.weeklyClosed',
};

function planText(plan: DayPlan | null): string {
  return plan ? `${bandsText(plan)}（${plan.slot_minutes}分・${plan.places}人）` : t('schedule.pool.closedDay');
}

/** 通常 8:30〜17:15（30分・6人）, 祝日（海の日）, 臨時休業（庁舎点検）… */
function stateText(state: DayState): string {
  const label = t(KIND_LABEL[state.kind]);
  if (state.kind === 'weekly' || state.kind === 'open') return `${label} ${planText(state.plan)}`;
  return state.name ? `${label}（${state.name}）` : label;
}

const dayButtonId = (date: string) => `schedule-day-${date}`;

export function PoolCalendar({ pool }: { pool: Pool }) {
  const today = todayInTokyo();
  const [month, setMonth] = useState<Month>(() => monthOf(today));
  const [selected, setSelected] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const range = monthRange(month);
  const calendar = useCalendar(pool.location_id, range.from, range.to);
  const closures = useClosures();
  const heading = useId();
  const closureSet = new Set((closures.data ?? []).map((c) => c.date));
  const states = new Map<string, DayState>();
  for (const day of calendar.data?.pools.find((p) => p.pool_id === pool.id)?.days ?? [])
    states.set(day.date, dayState(day, pool.weekdays, closureSet));
  const chosen = selected ? states.get(selected) : undefined;

  function go(by: number | null) {
    setMonth((m) => (by === null ? monthOf(today) : shiftMonth(m, by)));
    setSelected(null);
    setSaved(null);
  }

  function close() {
    const date = selected;
    setSelected(null);
    if (date) setTimeout(() => document.getElementById(dayButtonId(date))?.focus(), 0);
  }

  return (
    <section aria-labelledby={heading} className="schedule-section">
      <h2 id={heading}>{t('schedule.pool.calendar')}</h2>
      <p className="hint">{t('schedule.pool.calendar.hint')}</p>
      <div className="schedule-calendar-layout">
        <div>
          <div className="schedule-month-nav">
            <button type="button" className="schedule-secondary" onClick={() => go(-1)}>
              ← {t('schedule.pool.calendar.prev')}
            </button>
            <button type="button" className="schedule-secondary" onClick={() => go(null)}>
              {t('schedule.pool.calendar.thisMonth')}
            </button>
            <button type="button" className="schedule-secondary" onClick={() => go(1)}>
              {t('schedule.pool.calendar.next')} →
            </button>
          </div>
          {calendar.isError && <LoadFailed error={calendar.error} />}
          <table className="schedule-calendar" aria-busy={calendar.isPending || undefined}>
            <caption aria-live="polite">
              {t('schedule.pool.calendar.caption', { year: month.year, month: month.month })}
            </caption>
            <thead>
              <tr>
                {WEEKDAYS.map((day, i) => (
                  <th key={day} scope="col" className={i >= 5 ? 'schedule-weekend' : undefined}>
                    {day}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week, row) => (
                <tr key={row}>
                  {week.map((date, col) => {
                    if (!date) return <td key={col} className="schedule-day-blank" />;
                    const state = states.get(date);
                    const past = date < today;
                    const open = state && (state.kind === 'weekly' || state.kind === 'open');
                    return (
                      <td key={date}>
                        <button
                          type="button"
                          id={dayButtonId(date)}
                          className={`schedule-day schedule-day-${state?.kind ?? 'loading'}${selected === date ? ' schedule-day-selected' : ''}${date === today ? ' schedule-day-today' : ''}`}
                          disabled={past || !state}
                          aria-current={date === today ? 'date' : undefined}
                          onClick={() => {
                            setSelected(date);
                            setSaved(null);
                          }}
                        >
                          <span className="schedule-day-number" aria-hidden="true">
                            {Number(date.slice(8))}
                          </span>
                          <span className="schedule-visually-hidden">{formatDate(date)}</span>
                          {state && (
                            <>
                              <span className="schedule-day-kind">
                                {state.kind === 'holiday' && state.name ? state.name : t(KIND_LABEL[state.kind])}
                              </span>
                              {open && (
                                <span className="schedule-day-slots">
                                  {t('schedule.pool.day.slots', { slots: state.slots, places: state.places })}
                                </span>
                              )}
                              {state.booked > 0 && (
                                <span className="schedule-day-booked">
                                  {t('schedule.pool.day.booked', { count: state.booked })}
                                </span>
                              )}
                            </>
                          )}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="schedule-date-panel">
          <Saved text={saved} />
          {selected && chosen ? (
            <DateEditor
              key={`${selected}-${stateText(chosen)}`}
              pool={pool}
              date={selected}
              state={chosen}
              closureReason={(closures.data ?? []).find((c) => c.date === selected)?.reason ?? ''}
              onSaved={(text) => setSaved(text)}
              onClose={close}
            />
          ) : (
            <Legend />
          )}
        </div>
      </div>
    </section>
  );
}

function Legend() {
  const kinds: DayState['kind'][] = ['weekly', 'open', 'closed', 'closure', 'holiday', 'yearEnd', 'weeklyClosed'];
  return (
    <div className="schedule-legend">
      <h3>{t('schedule.pool.calendar.legend')}</h3>
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>
            <span className={`schedule-swatch schedule-day-${kind}`} aria-hidden="true" />
            {t(KIND_LABEL[kind])}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Choice = 'weekly' | 'closed' | 'open';

function DateEditor({
  pool,
  date,
  state,
  closureReason,
  onSaved,
  onClose,
}: {
  pool: Pool;
  date: string;
  state: DayState;
  closureReason: string;
  onSaved: (text: string) => void;
  onClose: () => void;
}) {
  const template = pool.weekdays[weekdayOf(date)] ?? null;
  const [choice, setChoice] = useState<Choice>(
    state.kind === 'open' ? 'open' : state.kind === 'closed' ? 'closed' : 'weekly',
  );
  const [reason, setReason] = useState(state.kind === 'closed' ? state.name : '');
  const [draft, setDraft] = useState<PlanDraft>(() => {
    const start = state.plan ?? template ?? { bands: ['09:00-12:00'], slot_minutes: 30, places: 1 };
    return { ...planToDraft(start), open: true };
  });
  const [faults, setFaults] = useState<PlanFaults | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const offer = useRef<HTMLButtonElement>(null);
  const setPoolDate = useSetPoolDate();
  const clearPoolDate = useClearPoolDate();
  const removeClosure = useRemoveClosure();
  const title = useRef<HTMLHeadingElement>(null);
  const name = useId();
  const ids = { reason: useId(), reasonHint: useId() };
  const prefix = `schedule-date-${date}`;
  const dateText = formatDate(date);

  useEffect(() => {
    title.current?.focus();
  }, []);

  const weeklyText = (() => {
    const day = t('schedule.pool.weekday', { day: WEEKDAYS[weekdayOf(date)]! });
    if (state.kind === 'holiday') return `${t('schedule.pool.day.holiday')}（${state.name}）のため休み`;
    if (state.kind === 'yearEnd') return `${t('schedule.pool.day.yearEnd')}のため休み`;
    return `${day}: ${planText(template)}`;
  })();

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onSaved(message);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  // Closing a day with bookings was refused: the administrator may cancel them with it.
  const stranded = choice === 'closed' ? strandedBookings(error) : null;

  function closeDialog() {
    setCancelling(false);
    setTimeout(() => offer.current?.focus(), 0);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const path = { params: { path: { id: pool.id, date } } };
    const message = t('schedule.date.saved', { date: dateText });
    if (choice === 'open') {
      const found = planFaults(draft);
      setFaults(found);
      if (hasFaults(found)) {
        const target = firstFaultId(prefix, draft, found);
        if (target) document.getElementById(target)?.focus();
        return;
      }
      await run(
        () =>
          setPoolDate.mutateAsync({
            ...path,
            body: { closed: false, plan: draftToPlan(draft) },
          }),
        message,
      );
    } else if (choice === 'closed') {
      await run(
        () =>
          setPoolDate.mutateAsync({
            ...path,
            body: { closed: true, reason: reason.trim() },
          }),
        message,
      );
    } else {
      await run(() => clearPoolDate.mutateAsync(path), message);
    }
  }

  const option = (value: Choice, label: string, hint?: string) => (
    <label className="schedule-radio">
      <input type="radio" name={name} value={value} checked={choice === value} onChange={() => setChoice(value)} />
      <span>
        {label}
        {hint && <span className="hint schedule-block">{hint}</span>}
      </span>
    </label>
  );

  return (
    <div className="schedule-date-editor">
      <h3 ref={title} tabIndex={-1}>
        {t('schedule.date.title', { date: dateText })}
      </h3>
      <p>{t('schedule.date.now', { state: stateText(state) })}</p>
      {state.booked > 0 && <p className="hint">{t('schedule.date.booked', { count: state.booked })}</p>}
      {error && <ProblemSummary error={error} />}
      {stranded && (
        <div className="schedule-cancel-offer">
          <p>{t('schedule.cancelClosure.offer.hint')}</p>
          <button type="button" ref={offer} className="schedule-danger" onClick={() => setCancelling(true)}>
            {t('schedule.cancelClosure.offer')}
          </button>
        </div>
      )}
      {stranded && cancelling && (
        <CancelClosureDialog
          poolId={pool.id}
          date={date}
          reason={reason}
          bookings={stranded}
          onDone={(count) => {
            setCancelling(false);
            setError(null);
            onSaved(t('schedule.cancelClosure.done', { date: dateText, count }));
          }}
          onRelisted={setError}
          onClose={closeDialog}
        />
      )}
      {state.kind === 'closure' ? (
        <div>
          <p className="notice">{t('schedule.date.closureNote', { reason: closureReason || t('schedule.none') })}</p>
          <div className="schedule-actions">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(
                  () => removeClosure.mutateAsync({ params: { path: { date } } }),
                  t('schedule.date.closureRemoved', { date: dateText }),
                )
              }
            >
              {t('schedule.date.removeClosure')}
            </button>
            <Link to="/settings/counters/holidays">{t('schedule.holidays.title')}</Link>
            <button type="button" className="schedule-secondary" onClick={onClose}>
              {t('schedule.date.close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <fieldset className="schedule-fieldset">
            <legend>{t('schedule.date.choice')}</legend>
            {option('weekly', t('schedule.date.weekly'), weeklyText)}
            {option('closed', t('schedule.date.closed'))}
            {choice === 'closed' && (
              <div className="field schedule-indent">
                <label htmlFor={ids.reason}>{t('schedule.date.reason')}</label>
                <span id={ids.reasonHint} className="hint">
                  {t('schedule.date.reason.hint')}
                </span>
                <input
                  id={ids.reason}
                  value={reason}
                  maxLength={200}
                  aria-describedby={ids.reasonHint}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
            )}
            {option('open', t('schedule.date.open'), t('schedule.date.open.hint'))}
            {choice === 'open' && (
              <div className="schedule-indent">
                <PlanFields
                  prefix={prefix}
                  label={dateText}
                  draft={draft}
                  faults={faults}
                  onChange={(d) => {
                    setDraft(d);
                    if (faults) setFaults(planFaults(d));
                  }}
                />
              </div>
            )}
          </fieldset>
          <div className="schedule-actions">
            <button type="submit" disabled={busy}>
              {busy ? t('schedule.saving') : t('schedule.date.save')}
            </button>
            <button type="button" className="schedule-secondary" onClick={onClose}>
              {t('schedule.date.close')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
