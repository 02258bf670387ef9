// One counter (capacity pool): the procedures it serves, its weekly hours and, in a
// month calendar, the dates with their own setting.
import { useId, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import {
  asApiError,
  useLocations,
  usePools,
  useProcedures,
  useSetPoolProcedures,
  useSetPoolWeek,
  type Pool,
  type Procedure,
} from './api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LoadFailed, Loading, OVERVIEW, Page, ProblemSummary, Saved } from './common';
import {
  WEEKDAYS,
  draftToPlan,
  hasFaults,
  planFaults,
  planToDraft,
  samePlan,
  type PlanDraft,
  type PlanFaults,
} from './logic';
import { BandFields, NumberField, PlanSummaryText, firstFaultId, planIds } from './PlanFields';
import { PoolCalendar } from './PoolCalendar';

export function PoolPage() {
  const { id } = useParams();
  const pools = usePools();
  const locations = useLocations();
  const procedures = useProcedures();
  // Kept here: the week editor starts afresh from what the server holds after a save.
  const [weekOutcome, setWeekOutcome] = useState<WeekOutcome>({ error: null, saved: null });
  if (pools.isPending || locations.isPending || procedures.isPending) return <Loading />;
  if (pools.isError || locations.isError || procedures.isError)
    return <LoadFailed error={pools.error ?? locations.error ?? procedures.error} />;
  const pool = pools.data.find((p) => p.id === id);
  const location = pool && locations.data.find((l) => l.id === pool.location_id);
  if (!pool || !location) {
    return (
      <Page title={t('schedule.notFound')} trail={[OVERVIEW]}>
        <p>{t('schedule.notFound')}</p>
      </Page>
    );
  }
  const title = t('schedule.pool.title', { location: location.name, pool: pool.name });
  return (
    <Page
      title={title}
      trail={[OVERVIEW, { to: `/settings/counters/pools/${pool.id}`, label: `${location.name} ${pool.name}` }]}
      wide
    >
      <PoolProcedures pool={pool} pools={pools.data} procedures={procedures.data} />
      <WeekEditor key={JSON.stringify(pool.weekdays)} pool={pool} outcome={weekOutcome} setOutcome={setWeekOutcome} />
      <PoolCalendar pool={pool} />
    </Page>
  );
}

function PoolProcedures({ pool, pools, procedures }: { pool: Pool; pools: Pool[]; procedures: Procedure[] }) {
  const [chosen, setChosen] = useState<string[]>(pool.procedure_ids);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setPoolProcedures = useSetPoolProcedures();
  const heading = useId();
  const hint = useId();
  const elsewhere = (procedure: string) =>
    pools.find((p) => p.id !== pool.id && p.location_id === pool.location_id && p.procedure_ids.includes(procedure));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await setPoolProcedures.mutateAsync({
        params: { path: { id: pool.id } },
        body: { procedure_ids: chosen },
      });
      setSaved(t('schedule.saved'));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={heading} className="schedule-section">
      <h2 id={heading}>{t('schedule.pool.procedures')}</h2>
      <form onSubmit={submit} noValidate>
        {error && <ProblemSummary error={error} />}
        <fieldset className="schedule-fieldset" aria-describedby={hint}>
          <legend className="schedule-visually-hidden">{t('schedule.pool.procedures')}</legend>
          <p id={hint} className="hint">
            {t('schedule.pool.procedures.hint')}
          </p>
          <div className="schedule-checks">
            {procedures.map((procedure) => {
              const other = elsewhere(procedure.id);
              return (
                <label key={procedure.id} className="schedule-check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(procedure.id)}
                    onChange={(e) =>
                      setChosen((list) =>
                        e.target.checked ? [...list, procedure.id] : list.filter((p) => p !== procedure.id),
                      )
                    }
                  />
                  <span>
                    {procedure.name}
                    {!procedure.active && `（${t('schedule.procedures.status.stopped')}）`}
                    {other && !chosen.includes(procedure.id) && (
                      <span className="hint"> {t('schedule.pool.procedures.moved', { pool: other.name })}</span>
                    )}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <div className="schedule-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('schedule.saving') : t('schedule.pool.procedures.save')}
          </button>
          <Saved text={saved} />
        </div>
      </form>
    </section>
  );
}

interface WeekOutcome {
  error: ApiError | null;
  saved: string | null;
}

function WeekEditor({
  pool,
  outcome,
  setOutcome,
}: {
  pool: Pool;
  outcome: WeekOutcome;
  setOutcome: (o: WeekOutcome) => void;
}) {
  const [drafts, setDrafts] = useState<PlanDraft[]>(() => pool.weekdays.map((plan) => planToDraft(plan)));
  const [faults, setFaults] = useState<PlanFaults[] | null>(null);
  const { error, saved } = outcome;
  const setSaved = (text: string | null) => setOutcome({ error: null, saved: text });
  const [busy, setBusy] = useState(false);
  const setPoolWeek = useSetPoolWeek();
  const heading = useId();
  const prefix = (day: number) => `schedule-week-${day}`;
  const dayName = (day: number) => t('schedule.pool.weekday', { day: WEEKDAYS[day]! });
  const changed = (day: number) => {
    const draft = drafts[day]!;
    const before = pool.weekdays[day] ?? null;
    if (!draft.open) return before !== null;
    if (hasFaults(planFaults(draft))) return true;
    return !samePlan(draftToPlan(draft), before);
  };

  function update(day: number, draft: PlanDraft) {
    setDrafts((list) => list.map((d, i) => (i === day ? draft : d)));
    if (saved) setSaved(null);
    if (faults) setFaults((list) => list && list.map((f, i) => (i === day ? planFaults(draft) : f)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome({ error: null, saved: null });
    const found = drafts.map(planFaults);
    const first = found.findIndex(hasFaults);
    if (first >= 0) {
      setFaults(found);
      const target = firstFaultId(prefix(first), drafts[first]!, found[first]!);
      if (target) setTimeout(() => document.getElementById(target)?.focus(), 0);
      return;
    }
    setFaults(null);
    const days = [0, 1, 2, 3, 4, 5, 6].filter(changed);
    if (days.length === 0) {
      setSaved(t('schedule.pool.week.unchanged'));
      return;
    }
    setBusy(true);
    // The whole week in one request: the server changes all seven days or none.
    try {
      await setPoolWeek.mutateAsync({
        params: { path: { id: pool.id } },
        body: { weekdays: drafts.map((draft) => draftToPlan(draft)) },
      });
      setSaved(t('schedule.pool.week.saved'));
    } catch (e) {
      setOutcome({ error: asApiError(e), saved: null });
    } finally {
      setBusy(false);
    }
  }

  // Where each of the server's field names (`weekdays.5.bands.0`) is on the form, and what it is called.
  const weekFields = () => {
    const ids: Record<string, string> = {};
    const labels: Record<string, string> = {};
    drafts.forEach((draft, day) => {
      const at = planIds(prefix(day));
      ids[`weekdays.${day}`] = at.band(0, 'start');
      labels[`weekdays.${day}`] = dayName(day);
      draft.bands.forEach((_, index) => {
        ids[`weekdays.${day}.bands.${index}`] = at.band(index, 'start');
        labels[`weekdays.${day}.bands.${index}`] = `${dayName(day)} ${t('schedule.plan.bands')}${index + 1}`;
      });
      ids[`weekdays.${day}.slot_minutes`] = at.slot;
      labels[`weekdays.${day}.slot_minutes`] = `${dayName(day)} ${t('schedule.plan.slotMinutes')}`;
      ids[`weekdays.${day}.places`] = at.places;
      labels[`weekdays.${day}.places`] = `${dayName(day)} ${t('schedule.plan.places')}`;
    });
    return { ids, labels };
  };

  return (
    <section aria-labelledby={heading} className="schedule-section">
      <h2 id={heading}>{t('schedule.pool.week')}</h2>
      <p className="hint">{t('schedule.pool.week.hint')}</p>
      <form onSubmit={submit} noValidate>
        {error && (
          <ProblemSummary
            error={error}
            title={t('schedule.pool.week.notSaved')}
            fieldIds={weekFields().ids}
            labels={weekFields().labels}
          />
        )}
        {faults && (
          // Focus goes to the first faulty field itself (see submit), not to this list.
          <ErrorSummary
            title={t('schedule.plan.faultsFound')}
            focusKey={null}
            items={faults.flatMap((f, day) =>
              hasFaults(f) ? [{ target: firstFaultId(prefix(day), drafts[day]!, f) ?? '', text: dayName(day) }] : [],
            )}
          />
        )}
        <div className="schedule-scroll">
          <table className="schedule-table schedule-week">
            <thead>
              <tr>
                <th scope="col">曜日</th>
                <th scope="col">受付</th>
                <th scope="col">{t('schedule.plan.bands')}</th>
                <th scope="col">{t('schedule.plan.slotMinutes')}</th>
                <th scope="col">{t('schedule.plan.places')}</th>
                <th scope="col">1日の枠</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((draft, day) => {
                const f = faults?.[day] ?? null;
                const ids = planIds(prefix(day));
                return (
                  <tr key={day} className={day >= 5 ? 'schedule-weekend' : undefined}>
                    <th scope="row">
                      {dayName(day)}
                      {changed(day) && <span className="schedule-changed">{t('schedule.pool.week.changed')}</span>}
                    </th>
                    <td>
                      <label className="schedule-check">
                        <input
                          type="checkbox"
                          checked={draft.open}
                          aria-label={`${dayName(day)} ${t('schedule.pool.openDay')}`}
                          onChange={(e) => update(day, { ...draft, open: e.target.checked })}
                        />
                        <span>{t('schedule.pool.openDay')}</span>
                      </label>
                    </td>
                    {draft.open ? (
                      <>
                        <td>
                          <BandFields
                            prefix={prefix(day)}
                            label={dayName(day)}
                            draft={draft}
                            faults={f}
                            onChange={(d) => update(day, d)}
                          />
                        </td>
                        <td>
                          <NumberField
                            id={ids.slot}
                            label={`${dayName(day)} ${t('schedule.plan.slotMinutes')}`}
                            value={draft.slotMinutes}
                            onChange={(slotMinutes) => update(day, { ...draft, slotMinutes })}
                            fault={f?.slotMinutes ? t('schedule.plan.fault.slot') : null}
                            min={5}
                            max={240}
                            visibleLabel={false}
                          />
                        </td>
                        <td>
                          <NumberField
                            id={ids.places}
                            label={`${dayName(day)} ${t('schedule.plan.places')}`}
                            value={draft.places}
                            onChange={(places) => update(day, { ...draft, places })}
                            fault={f?.places ? t('schedule.plan.fault.places') : null}
                            min={0}
                            max={999}
                            visibleLabel={false}
                          />
                        </td>
                        <td>
                          <PlanSummaryText draft={draft} />
                        </td>
                      </>
                    ) : (
                      <td colSpan={4} className="schedule-closed-cell">
                        {t('schedule.pool.closedDay')}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="schedule-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('schedule.saving') : t('schedule.pool.week.save')}
          </button>
          <Saved text={saved} />
        </div>
      </form>
    </section>
  );
}
