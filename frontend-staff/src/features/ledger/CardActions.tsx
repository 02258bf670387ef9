// The steps a card can take where it is. One button per step; the chosen one opens its
// inputs (date, result, reason). The server judges: its refusals are shown as it says.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { t } from '../../i18n/t';
import { todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { useCardStep, type LedgerCard, type LedgerCardDetails } from './api';
import {
  asApiError,
  fieldMessages,
  inspectionLabel,
  INSPECTION_RESULTS,
  ledgerError,
  problemMessage,
  stepDateLabel,
  stepLabel,
} from './labels';
import { allowedSteps, isSideExit, needsReason, type ClerkStep } from './steps';

export function CardActions({
  card,
  onChanged,
  onStale,
}: {
  card: LedgerCard;
  onChanged: (details: LedgerCardDetails, message: string) => void;
  onStale: () => Promise<void>;
}) {
  const steps = allowedSteps(card.status, card.inspection_result);
  const [chosen, setOpen] = useState<ClerkStep | null>(null);
  const headingId = useId();
  const buttons = useRef(new Map<ClerkStep, HTMLButtonElement>());
  // A step that no longer applies (the card moved on meanwhile) has no form to show.
  const open = chosen && steps.includes(chosen) ? chosen : null;

  return (
    <section aria-labelledby={headingId} className="ledger-card-actions">
      <h3 id={headingId}>{t('ledger.card.actions')}</h3>
      {steps.length === 0 ? (
        <p className="ledger-muted">{t('ledger.card.noActions')}</p>
      ) : (
        <>
          <p className="hint">{t('ledger.card.actionsHint')}</p>
          <div className="ledger-step-buttons">
            {steps.map((step) => (
              <button
                key={step}
                type="button"
                ref={(element) => {
                  if (element) buttons.current.set(step, element);
                }}
                className={`${isSideExit(step) ? 'ledger-secondary ledger-exit' : 'ledger-secondary'}${open === step ? ' ledger-pressed' : ''}`}
                aria-expanded={open === step}
                onClick={() => setOpen(open === step ? null : step)}
              >
                {stepLabel(step)}
              </button>
            ))}
          </div>
        </>
      )}
      {open && (
        <StepForm
          key={`${open}-${card.version}`}
          card={card}
          step={open}
          onDone={(details) => {
            setOpen(null);
            onChanged(details, t('ledger.card.stepDone', { step: stepLabel(open) }));
          }}
          onStale={onStale}
          onClose={() => {
            const button = buttons.current.get(open);
            setOpen(null);
            button?.focus();
          }}
        />
      )}
    </section>
  );
}

function StepForm({
  card,
  step,
  onDone,
  onStale,
  onClose,
}: {
  card: LedgerCard;
  step: ClerkStep;
  onDone: (details: LedgerCardDetails) => void;
  onStale: () => Promise<void>;
  onClose: () => void;
}) {
  const ids = { heading: useId(), date: useId(), result: useId(), reason: useId() };
  const [onDate, setOnDate] = useState(todayInTokyo());
  const [result, setResult] = useState('ok');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  const mustSay = needsReason(step);
  const cardStep = useCardStep();

  useEffect(() => {
    first.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mustSay && !reason.trim()) {
      setFields({ reason: t('ledger.card.reasonMissing') });
      document.getElementById(ids.reason)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setFields({});
    try {
      const details = await cardStep.mutateAsync({
        params: { path: { id: card.id } },
        body: {
          step,
          on_date: onDate || null,
          version: card.version,
          ...(step === 'inspect' ? { inspection_result: result } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      });
      onDone(details);
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'ledger.changed_meanwhile' || error.code === 'ledger.invalid_transition') await onStale();
      if (error.status === 422 && error.errors.length > 0) setFields(fieldMessages(error));
      setProblem(
        `${t('ledger.card.stepFailed', { step: stepLabel(step) })}: ${error.status === 422 ? ledgerError('validation.failed') : problemMessage(error)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="ledger-step-form" onSubmit={submit} noValidate aria-labelledby={ids.heading}>
      <h4 id={ids.heading}>{stepLabel(step)}</h4>
      {problem && (
        <p className="ledger-alert" role="alert">
          {problem}
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.date}>{stepDateLabel(step)}</label>
        <input
          id={ids.date}
          ref={first}
          type="date"
          value={onDate}
          onChange={(e) => setOnDate(e.target.value)}
          aria-invalid={fields.on_date ? true : undefined}
          aria-describedby={fields.on_date ? `${ids.date}-error` : undefined}
        />
        {fields.on_date && (
          <span id={`${ids.date}-error`} className="field-error">
            {fields.on_date}
          </span>
        )}
      </div>
      {step === 'inspect' && (
        <div className="field">
          <label htmlFor={ids.result}>{t('ledger.field.inspection_result')}</label>
          <select
            id={ids.result}
            value={result}
            onChange={(e) => setResult(e.target.value)}
            aria-invalid={fields.inspection_result ? true : undefined}
          >
            {INSPECTION_RESULTS.map((r) => (
              <option key={r} value={r}>
                {inspectionLabel(r)}
              </option>
            ))}
          </select>
          {fields.inspection_result && <span className="field-error">{fields.inspection_result}</span>}
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.reason}>
          {mustSay ? t('ledger.card.reasonRequired') : t('ledger.card.reasonOptional')}
        </label>
        <textarea
          id={ids.reason}
          value={reason}
          rows={2}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={fields.reason ? true : undefined}
          aria-describedby={fields.reason ? `${ids.reason}-error` : undefined}
          required={mustSay}
        />
        {fields.reason && (
          <span id={`${ids.reason}-error`} className="field-error">
            {fields.reason}
          </span>
        )}
      </div>
      <div className="ledger-actions">
        <button type="submit" disabled={busy} className={isSideExit(step) ? 'ledger-danger' : undefined}>
          {t('ledger.card.stepSubmit', { step: stepLabel(step) })}
        </button>
        <button type="button" className="ledger-secondary" onClick={onClose} disabled={busy}>
          {t('ledger.cancel')}
        </button>
      </div>
    </form>
  );
}
