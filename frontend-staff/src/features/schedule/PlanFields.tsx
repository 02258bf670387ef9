// The hours of one day: opening bands (a lunch break splits them), slot length and
// places per slot. Used in a row of the weekly table and in the date editor.
import { t } from '../../i18n/t';
import {
  draftToPlan,
  hasFaults,
  planFaults,
  summarize,
  type BandDraft,
  type PlanDraft,
  type PlanFaults,
} from './logic';

const BAND_FAULT = {
  required: 'schedule.plan.fault.required',
  time: 'schedule.plan.fault.time',
  reversed: 'schedule.plan.fault.reversed',
  overlap: 'schedule.plan.fault.overlap',
} as const;

/** Input ids of a plan, so that an error summary can link to them. */
export function planIds(prefix: string) {
  return {
    band: (index: number, end: 'start' | 'end') => `${prefix}-band-${index}-${end}`,
    slot: `${prefix}-slot`,
    places: `${prefix}-places`,
    add: `${prefix}-add`,
  };
}

/** The first input with a fault, to focus after a refused save. */
export function firstFaultId(prefix: string, draft: PlanDraft, faults: PlanFaults): string | null {
  const ids = planIds(prefix);
  const band = draft.bands.findIndex((_, i) => faults.bands[i] !== undefined);
  if (band >= 0) return ids.band(band, 'start');
  if (faults.noBands) return ids.add;
  if (faults.slotMinutes) return ids.slot;
  if (faults.places) return ids.places;
  return null;
}

interface Props {
  prefix: string;
  /** 月曜日, or the date: prefixed to each control's name. */
  label: string;
  draft: PlanDraft;
  faults: PlanFaults | null;
  onChange: (draft: PlanDraft) => void;
  /** In the weekly table the column headings name slot length and places. */
  layout: 'row' | 'stacked';
}

export function BandFields({ prefix, label, draft, faults, onChange }: Omit<Props, 'layout'>) {
  const ids = planIds(prefix);
  const setBand = (index: number, band: BandDraft) =>
    onChange({ ...draft, bands: draft.bands.map((b, i) => (i === index ? band : b)) });
  return (
    <div className="schedule-bands">
      {draft.bands.map((band, index) => {
        const n = index + 1;
        const fault = faults?.bands[index];
        const bandLabel = `${label} ${t('schedule.plan.band', { n })}`;
        const errorId = `${prefix}-band-${index}-error`;
        return (
          <div className="schedule-band" key={index}>
            <div className="schedule-band-inputs">
              <input
                id={ids.band(index, 'start')}
                type="text"
                autoComplete="off"
                placeholder="8:30"
                value={band.start}
                aria-label={t('schedule.plan.start', { label: bandLabel })}
                aria-invalid={fault ? true : undefined}
                aria-describedby={fault ? errorId : undefined}
                onChange={(e) => setBand(index, { ...band, start: e.target.value })}
              />
              <span aria-hidden="true">〜</span>
              <input
                id={ids.band(index, 'end')}
                type="text"
                autoComplete="off"
                placeholder="17:15"
                value={band.end}
                aria-label={t('schedule.plan.end', { label: bandLabel })}
                aria-invalid={fault ? true : undefined}
                aria-describedby={fault ? errorId : undefined}
                onChange={(e) => setBand(index, { ...band, end: e.target.value })}
              />
              <button
                type="button"
                className="schedule-secondary schedule-small"
                aria-label={`${label} ${t('schedule.plan.removeBand', { n })}`}
                onClick={() => onChange({ ...draft, bands: draft.bands.filter((_, i) => i !== index) })}
              >
                削除
              </button>
            </div>
            {fault && (
              <span id={errorId} className="field-error">
                {t(BAND_FAULT[fault])}
              </span>
            )}
          </div>
        );
      })}
      {draft.bands.length < 4 && (
        <button
          id={ids.add}
          type="button"
          className="schedule-secondary schedule-small"
          aria-label={`${label} ${t('schedule.plan.addBand')}`}
          onClick={() => {
            const last = draft.bands[draft.bands.length - 1];
            onChange({ ...draft, bands: [...draft.bands, { start: last?.end ?? '09:00', end: '' }] });
          }}
        >
          ＋ {t('schedule.plan.addBand')}
        </button>
      )}
      {faults?.noBands && <span className="field-error">{t('schedule.plan.fault.noBands')}</span>}
    </div>
  );
}

export function NumberField({
  id,
  label,
  value,
  onChange,
  fault,
  min,
  max,
  visibleLabel,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  fault: string | null;
  min: number;
  max: number;
  visibleLabel: boolean;
}) {
  const errorId = `${id}-error`;
  return (
    <div className={visibleLabel ? 'field schedule-number' : 'schedule-number'}>
      {visibleLabel && <label htmlFor={id}>{label}</label>}
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value}
        aria-label={visibleLabel ? undefined : label}
        aria-invalid={fault ? true : undefined}
        aria-describedby={fault ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {fault && (
        <span id={errorId} className="field-error">
          {fault}
        </span>
      )}
    </div>
  );
}

/** 1日 17枠・最大 102人, and a warning for band ends too short to be a slot. */
export function PlanSummaryText({ draft }: { draft: PlanDraft }) {
  if (!draft.open) return <span className="hint">{t('schedule.pool.closedDay')}</span>;
  if (hasFaults(planFaults(draft))) return null;
  const plan = draftToPlan(draft);
  if (!plan) return null;
  const summary = summarize(plan);
  return (
    <span className="hint">
      {t('schedule.plan.summary', { slots: summary.slots, places: summary.placesPerDay })}
      {summary.unused > 0 && (
        <>
          <br />
          {t('schedule.plan.unused', { minutes: summary.unused })}
        </>
      )}
    </span>
  );
}

/** The whole plan with visible labels, for the date editor. */
export function PlanFields({ prefix, label, draft, faults, onChange }: Omit<Props, 'layout'>) {
  const ids = planIds(prefix);
  return (
    <div className="schedule-plan">
      <fieldset className="schedule-fieldset">
        <legend>{t('schedule.plan.bands')}</legend>
        <BandFields prefix={prefix} label={label} draft={draft} faults={faults} onChange={onChange} />
      </fieldset>
      <div className="schedule-plan-numbers">
        <NumberField
          id={ids.slot}
          label={t('schedule.plan.slotMinutes')}
          value={draft.slotMinutes}
          onChange={(slotMinutes) => onChange({ ...draft, slotMinutes })}
          fault={faults?.slotMinutes ? t('schedule.plan.fault.slot') : null}
          min={5}
          max={240}
          visibleLabel
        />
        <NumberField
          id={ids.places}
          label={t('schedule.plan.places')}
          value={draft.places}
          onChange={(places) => onChange({ ...draft, places })}
          fault={faults?.places ? t('schedule.plan.fault.places') : null}
          min={0}
          max={999}
          visibleLabel
        />
      </div>
      <PlanSummaryText draft={draft} />
    </div>
  );
}
