// 予約受付のルール: when residents may book, change and cancel, and the options.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import { asApiError, useBookingRules, useSaveBookingRules } from './api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LoadFailed, Loading, OVERVIEW, Page, ProblemSummary, Saved, problemText } from './common';
import { formatDate, todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { formatMoment, isoDate, momentBefore, monthOf, shiftMonth, type BookingRules } from './logic';
import { draftToRules, rulesFaults, rulesToDraft, type RulesDraft, type RulesFault, type RulesField } from './rules';

const FAULT_TEXT: Record<RulesFault, MessageKey> = {
  days: 'schedule.rules.fault.days',
  time: 'schedule.rules.fault.time',
  hold: 'schedule.rules.fault.hold',
  share: 'schedule.rules.fault.share',
  reminder: 'schedule.rules.fault.reminder',
  retention: 'schedule.rules.fault.retention',
  reversed: 'schedule.rules.fault.reversed',
  period: 'schedule.error.validation.period_reversed',
};

export function RulesPage() {
  const rules = useBookingRules();
  return (
    <Page
      title={t('schedule.rules.title')}
      trail={[OVERVIEW, { to: '/settings/counters/rules', label: t('schedule.rules.title') }]}
    >
      <p>{t('schedule.rules.lead')}</p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <LoadFailed error={rules.error} />
      ) : (
        <RulesForm rules={rules.data} />
      )}
    </Page>
  );
}

/** The example visit: the 20th of next month. */
function exampleVisit(): string {
  const next = shiftMonth(monthOf(todayInTokyo()), 1);
  return isoDate(next.year, next.month, 20);
}

function RulesForm({ rules }: { rules: BookingRules }) {
  const [draft, setDraft] = useState<RulesDraft>(() => rulesToDraft(rules));
  const [faults, setFaults] = useState<Partial<Record<RulesField, RulesFault>> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saveRules = useSaveBookingRules();
  // Each refused attempt moves the focus to the list of faults.
  const [tries, setTries] = useState(0);
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const set = (change: Partial<RulesDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    setSaved(null);
    if (faults) setFaults(rulesFaults(next));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    const found = rulesFaults(draft);
    if (Object.keys(found).length > 0) {
      setFaults(found);
      setTries((n) => n + 1);
      return;
    }
    setFaults(null);
    setBusy(true);
    try {
      await saveRules.mutateAsync({ body: draftToRules(draft) });
      setSaved(t('schedule.rules.saved'));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  // A field's fault, from the form's own check or from the server.
  const faultOf = (field: RulesField | string): string | null => {
    const own = faults?.[field as RulesField];
    if (own) return t(FAULT_TEXT[own]);
    const server = error?.errors.find(
      (e) =>
        e.field === field ||
        e.field.replace('.days_before', '_days_before').replace('change_deadline', 'change') === field,
    );
    return server ? problemText(server.code) : null;
  };
  const fieldIds: Record<string, string> = {
    opens_days_before: id('opens_days_before'),
    'opens.days_before': id('opens_days_before'),
    opens_at: id('opens_at'),
    closes_days_before: id('closes_days_before'),
    'closes.days_before': id('closes_days_before'),
    closes_at: id('closes_at'),
    closes: id('closes_days_before'),
    change_days_before: id('change_days_before'),
    'change_deadline.days_before': id('change_days_before'),
    change_at: id('change_at'),
    hold_minutes: id('hold_minutes'),
    hold_share_percent: id('hold_share_percent'),
    reminder_days_before: id('reminder_days_before'),
    retention_days: id('retention_days'),
    first_date: id('first_date'),
    last_date: id('last_date'),
  };
  const labels: Record<string, string> = {
    'opens.days_before': t('schedule.field.opens_days_before'),
    'closes.days_before': t('schedule.field.closes_days_before'),
    'change_deadline.days_before': t('schedule.field.change_days_before'),
  };

  const visit = exampleVisit();
  const valid = Object.keys(rulesFaults(draft)).length === 0;
  const example = valid
    ? t('schedule.rules.example', {
        visit: formatDate(visit),
        opens: formatMoment(momentBefore(visit, Number(draft.opensDays), draft.opensAt)),
        closes: formatMoment(momentBefore(visit, Number(draft.closesDays), draft.closesAt)),
        change: formatMoment(momentBefore(visit, Number(draft.changeDays), draft.changeAt)),
      })
    : null;

  const moment = (
    prefix: 'opens' | 'closes' | 'change',
    legend: MessageKey,
    daysLabel: MessageKey,
    atLabel: MessageKey,
    after: string,
  ) => {
    const daysField = `${prefix}_days_before`;
    const atField = `${prefix}_at`;
    const daysValue = draft[`${prefix}Days` as const];
    const atValue = draft[`${prefix}At` as const];
    const daysFault = faultOf(daysField) ?? (prefix === 'closes' ? faultOf('closes') : null);
    const atFault = faultOf(atField);
    return (
      <fieldset className="schedule-fieldset schedule-moment">
        <legend>{t(legend)}</legend>
        <div className="schedule-inline">
          <span>来庁日の</span>
          <input
            id={id(daysField)}
            className="schedule-days"
            type="number"
            inputMode="numeric"
            min={0}
            max={366}
            value={daysValue}
            aria-label={t(daysLabel)}
            aria-invalid={daysFault ? true : undefined}
            onChange={(e) => set({ [`${prefix}Days`]: e.target.value })}
          />
          <span>{t('schedule.rules.daysBefore')}</span>
          <input
            id={id(atField)}
            className="schedule-time"
            type="text"
            autoComplete="off"
            placeholder="0:00"
            value={atValue}
            aria-label={t(atLabel)}
            aria-invalid={atFault ? true : undefined}
            onChange={(e) => set({ [`${prefix}At`]: e.target.value })}
          />
          <span>{after}</span>
        </div>
        {daysFault && <span className="field-error">{daysFault}</span>}
        {atFault && <span className="field-error">{atFault}</span>}
      </fieldset>
    );
  };

  const check = (field: 'piiFree' | 'ledgerCheck' | 'reminder', label: MessageKey, hint?: ReactNode) => (
    <div className="field">
      <label className="schedule-check">
        <input
          type="checkbox"
          checked={draft[field]}
          aria-describedby={hint ? id(`${field}-hint`) : undefined}
          onChange={(e) => set({ [field]: e.target.checked })}
        />
        <span>{t(label)}</span>
      </label>
      {hint && (
        <span className="hint" id={id(`${field}-hint`)}>
          {hint}
        </span>
      )}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="schedule-form schedule-rules">
      {faults && (
        <ErrorSummary
          title={t('schedule.plan.faultsFound')}
          focusKey={tries}
          items={(Object.entries(faults) as [RulesField, RulesFault][]).map(([field, fault]) => ({
            target: fieldIds[field] ?? '',
            text: `${t(`schedule.field.${field}` as MessageKey)}: ${t(FAULT_TEXT[fault])}`,
          }))}
        />
      )}
      {error && <ProblemSummary error={error} labels={labels} fieldIds={fieldIds} />}
      <section aria-labelledby={id('window')} className="schedule-section">
        <h2 id={id('window')}>{t('schedule.rules.window')}</h2>
        {moment('opens', 'schedule.rules.opens', 'schedule.rules.opens.days', 'schedule.rules.opens.at', 'から')}
        {moment('closes', 'schedule.rules.closes', 'schedule.rules.closes.days', 'schedule.rules.closes.at', 'まで')}
        {moment('change', 'schedule.rules.change', 'schedule.rules.change.days', 'schedule.rules.change.at', 'まで')}
        <div className="schedule-example" aria-live="polite">
          {example && <p>{example}</p>}
          <p className="hint">{t('schedule.rules.midnight')}</p>
        </div>
        <fieldset className="schedule-fieldset">
          <legend>{t('schedule.rules.period')}</legend>
          <p className="hint" id={id('period-hint')}>
            {t('schedule.rules.period.hint')}
          </p>
          <div className="schedule-inline">
            <div className="field">
              <label htmlFor={id('first_date')}>{t('schedule.rules.firstDate')}</label>
              <input
                id={id('first_date')}
                type="date"
                value={draft.firstDate}
                aria-describedby={id('period-hint')}
                onChange={(e) => set({ firstDate: e.target.value })}
              />
            </div>
            <span aria-hidden="true">〜</span>
            <div className="field">
              <label htmlFor={id('last_date')}>{t('schedule.rules.lastDate')}</label>
              <input
                id={id('last_date')}
                type="date"
                value={draft.lastDate}
                aria-invalid={faultOf('last_date') ? true : undefined}
                aria-describedby={id('period-hint')}
                onChange={(e) => set({ lastDate: e.target.value })}
              />
            </div>
          </div>
          {faultOf('last_date') && <span className="field-error">{faultOf('last_date')}</span>}
        </fieldset>
      </section>
      <section aria-labelledby={id('options')} className="schedule-section">
        <h2 id={id('options')}>{t('schedule.rules.options')}</h2>
        <div className="field schedule-short">
          <label htmlFor={id('hold_minutes')}>{t('schedule.rules.hold')}</label>
          <span className="hint" id={id('hold-hint')}>
            {t('schedule.rules.hold.hint')}
          </span>
          <input
            id={id('hold_minutes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={draft.hold}
            aria-describedby={id('hold-hint')}
            aria-invalid={faultOf('hold_minutes') ? true : undefined}
            onChange={(e) => set({ hold: e.target.value })}
          />
          {faultOf('hold_minutes') && <span className="field-error">{faultOf('hold_minutes')}</span>}
        </div>
        <div className="field schedule-short">
          <label htmlFor={id('hold_share_percent')}>{t('schedule.rules.holdShare')}</label>
          <span className="hint" id={id('hold-share-hint')}>
            {t('schedule.rules.holdShare.hint')}
          </span>
          <input
            id={id('hold_share_percent')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={draft.holdShare}
            aria-describedby={id('hold-share-hint')}
            aria-invalid={faultOf('hold_share_percent') ? true : undefined}
            onChange={(e) => set({ holdShare: e.target.value })}
          />
          {faultOf('hold_share_percent') && <span className="field-error">{faultOf('hold_share_percent')}</span>}
        </div>
        {check('reminder', 'schedule.rules.reminder')}
        {draft.reminder && (
          <div className="field schedule-short schedule-indent">
            <label htmlFor={id('reminder_days_before')}>{t('schedule.rules.reminderDays')}</label>
            <span className="hint" id={id('reminder-hint')}>
              {t('schedule.rules.reminderDays.hint')}
            </span>
            <input
              id={id('reminder_days_before')}
              type="number"
              inputMode="numeric"
              min={1}
              max={14}
              value={draft.reminderDays}
              aria-describedby={id('reminder-hint')}
              aria-invalid={faultOf('reminder_days_before') ? true : undefined}
              onChange={(e) => set({ reminderDays: e.target.value })}
            />
            {faultOf('reminder_days_before') && <span className="field-error">{faultOf('reminder_days_before')}</span>}
          </div>
        )}
        <div className="field schedule-short">
          <label htmlFor={id('retention_days')}>{t('schedule.rules.retentionDays')}</label>
          <span className="hint" id={id('retention-hint')}>
            {t('schedule.rules.retentionDays.hint')}
          </span>
          <input
            id={id('retention_days')}
            type="number"
            inputMode="numeric"
            min={7}
            max={3650}
            value={draft.retentionDays}
            aria-describedby={id('retention-hint')}
            aria-invalid={faultOf('retention_days') ? true : undefined}
            onChange={(e) => set({ retentionDays: e.target.value })}
          />
          {faultOf('retention_days') && <span className="field-error">{faultOf('retention_days')}</span>}
        </div>
        {check('piiFree', 'schedule.rules.piiFree', t('schedule.rules.piiFree.hint'))}
        {check('ledgerCheck', 'schedule.rules.ledgerCheck')}
      </section>
      <div className="schedule-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('schedule.saving') : t('schedule.save')}
        </button>
        <Saved text={saved} />
      </div>
      <p>
        <Link to="/settings/counters/holidays">{t('schedule.holidays.title')}</Link>
      </p>
    </form>
  );
}
