// The bulk step's request and its refusals, in the clerk's words.
import type { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { formatDate, isIsoDate } from '../../../../frontend-shared/dates/japan';
import type { BulkStepRequest } from './api';
import type { ApiFilter } from './filters';
import { ledgerError, statusLabel, stepDateLabel, stepLabel } from './labels';
import { bulkTarget, type Selection } from './selection';
import type { BulkStep } from './steps';

export interface BulkForm {
  step: BulkStep;
  onDate: string;
  inspectionResult: string;
}

export function bulkRequest(form: BulkForm, selection: Selection, filter: ApiFilter): BulkStepRequest {
  return {
    step: form.step,
    on_date: form.onDate,
    ...(form.step === 'inspect' ? { inspection_result: form.inspectionResult } : {}),
    ...bulkTarget(selection, filter),
  };
}

/** What is wrong before asking the server: nothing chosen, or no date. */
export function bulkProblem(form: BulkForm, count: number): string | null {
  if (count === 0) return t('ledger.bulk.noneSelected');
  if (!isIsoDate(form.onDate)) return t('ledger.bulk.badDate');
  return null;
}

export interface Refusal {
  number: string;
  /** Where the card is, when the server said (`a card that is received cannot send_notice`). */
  status: string | null;
  text: string;
}

/** Every card the server refused (`errors[].field` is `cards.<management number>`). */
export function refusals(error: ApiError, step: BulkStep): Refusal[] {
  return error.errors
    .filter((e) => e.field.startsWith('cards.'))
    .map((e) => {
      const number = e.field.slice('cards.'.length);
      const from = /a card that is (\w+) cannot/.exec(e.message)?.[1] ?? null;
      const message =
        e.code === 'ledger.invalid_transition'
          ? t('ledger.bulk.cannotStep', { step: stepLabel(step) })
          : ledgerError(e.code);
      const text = from
        ? t('ledger.bulk.refusedCard', { number, status: statusLabel(from), message })
        : t('ledger.bulk.refusedCardNoStatus', { number, message });
      return { number, status: from, text };
    });
}

/** The sentence after a bulk step: how many, and how many of them were corrections. */
export function bulkDoneText(step: BulkStep, moved: number, corrected: number): string {
  const done = t('ledger.bulk.done', { count: moved + corrected, what: stepDateLabel(step) });
  return corrected > 0 ? `${done}${t('ledger.bulk.corrected', { count: corrected })}` : done;
}

export function bulkConfirmText(step: BulkStep, count: number, onDate: string): string {
  return t('ledger.bulk.confirmBody', {
    count,
    what: stepDateLabel(step),
    date: isIsoDate(onDate) ? formatDate(onDate) : onDate,
  });
}
