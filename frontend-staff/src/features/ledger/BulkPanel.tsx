// 日付の一括設定: 検品日, 交付通知書発送日 or 交付日 for the chosen cards (or all that the
// search finds) at once. The server moves all of them or none; the cards it refuses
// are listed, each linked to its checkbox when it is on this page.
import { useId, useState, type FormEvent } from 'react';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary';
import { t } from '../../i18n/t';
import { todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { useBulkStep, type LedgerCard } from './api';
import { bulkConfirmText, bulkDoneText, bulkProblem, bulkRequest, refusals, type BulkForm } from './bulk';
import { ConfirmDialog } from './components';
import type { ApiFilter } from './filters';
import { asApiError, inspectionLabel, INSPECTION_RESULTS, problemMessage, stepDateLabel } from './labels';
import type { Selection } from './selection';
import { BULK_STEPS, type BulkStep } from './steps';

export function checkboxId(cardId: string): string {
  return `ledger-select-${cardId}`;
}

export function BulkPanel({
  selection,
  count,
  filter,
  pageCards,
  onDone,
}: {
  selection: Selection;
  count: number;
  filter: ApiFilter;
  pageCards: readonly LedgerCard[];
  onDone: (message: string) => void;
}) {
  const ids = { heading: useId(), date: useId(), result: useId(), problem: useId() };
  const [form, setForm] = useState<BulkForm>({ step: 'send_notice', onDate: todayInTokyo(), inspectionResult: 'ok' });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const bulkStep = useBulkStep();
  const [refused, setRefused] = useState<ErrorItem[]>([]);
  const [refusedStep, setRefusedStep] = useState<BulkStep>('send_notice');
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  function ask(event: FormEvent) {
    event.preventDefault();
    const found = bulkProblem(form, count);
    setProblem(found);
    if (!found) setConfirming(true);
  }

  async function apply() {
    setBusy(true);
    setFailure(null);
    try {
      const result = await bulkStep.mutateAsync({ body: bulkRequest(form, selection, filter) });
      setRefused([]);
      setConfirming(false);
      onDone(bulkDoneText(form.step, result.moved, result.corrected));
    } catch (e) {
      const error = asApiError(e);
      const cards = error.code === 'ledger.invalid_transition' ? refusals(error, form.step) : [];
      setConfirming(false);
      if (cards.length > 0) {
        const byNumber = new Map(pageCards.map((card) => [card.management_number, card.id]));
        setRefused(
          cards.map((card) => ({
            target: byNumber.has(card.number) ? checkboxId(byNumber.get(card.number) ?? '') : undefined,
            text: card.text,
          })),
        );
        setRefusedStep(form.step);
      } else {
        setRefused([]);
        setFailure(`${t('ledger.bulk.failed')}: ${problemMessage(error)}`);
      }
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const set = (change: Partial<BulkForm>) => setForm((f) => ({ ...f, ...change }));

  return (
    <section className="ledger-panel ledger-bulk" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('ledger.bulk.title')}</h2>
      <ErrorSummary
        title={t('ledger.bulk.refused', { what: stepDateLabel(refusedStep), count: refused.length })}
        items={refused}
        general={failure}
        lead={refused.length > 0 ? <p>{t('ledger.bulk.refusedHint')}</p> : undefined}
        focusKey={attempt}
        listClassName="ledger-error-list"
      />
      <form onSubmit={ask} noValidate className="ledger-bulk-form">
        <fieldset className="ledger-radios">
          <legend>{t('ledger.bulk.what')}</legend>
          {BULK_STEPS.map((step) => (
            <label key={step}>
              <input
                type="radio"
                name="ledger-bulk-step"
                value={step}
                checked={form.step === step}
                onChange={() => set({ step })}
              />
              {stepDateLabel(step)}
            </label>
          ))}
        </fieldset>
        <div className="ledger-inline-field">
          <label htmlFor={ids.date}>{stepDateLabel(form.step)}</label>
          <input
            id={ids.date}
            type="date"
            value={form.onDate}
            onChange={(e) => set({ onDate: e.target.value })}
            aria-invalid={problem === t('ledger.bulk.badDate') ? true : undefined}
            required
          />
        </div>
        {form.step === 'inspect' && (
          <div className="ledger-inline-field">
            <label htmlFor={ids.result}>{t('ledger.bulk.result')}</label>
            <select
              id={ids.result}
              value={form.inspectionResult}
              onChange={(e) => set({ inspectionResult: e.target.value })}
            >
              {INSPECTION_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {inspectionLabel(r)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="ledger-bulk-submit">
          <button type="submit" aria-describedby={problem ? ids.problem : undefined}>
            {t('ledger.bulk.submit')}
          </button>
          {problem && (
            <p id={ids.problem} className="field-error" role="alert">
              {problem}
            </p>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('ledger.bulk.confirmTitle', { what: stepDateLabel(form.step) })}
        confirmLabel={t('ledger.bulk.confirm', { count })}
        busy={busy}
        onConfirm={() => void apply()}
        onCancel={() => setConfirming(false)}
      >
        <p>{bulkConfirmText(form.step, count, form.onDate)}</p>
        {form.step === 'inspect' && (
          <p>{t('ledger.bulk.confirmResult', { result: inspectionLabel(form.inspectionResult) })}</p>
        )}
        {selection.mode === 'all' && <p>{t('ledger.bulk.confirmAll')}</p>}
      </ConfirmDialog>
    </section>
  );
}
