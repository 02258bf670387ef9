import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { bulkConfirmText, bulkDoneText, bulkProblem, bulkRequest, refusals } from './bulk';
import { NOTHING, setPage } from './selection';

describe('the bulk step', () => {
  it('names the chosen cards, or the filter for all that match; the result only with an inspection', () => {
    const chosen = setPage(NOTHING, ['a', 'b'], true);
    expect(
      bulkRequest({ step: 'send_notice', onDate: '2026-11-24', inspectionResult: 'ok' }, chosen, { name: '試験' }),
    ).toEqual({ step: 'send_notice', on_date: '2026-11-24', ids: ['a', 'b'] });
    expect(
      bulkRequest(
        { step: 'inspect', onDate: '2026-11-24', inspectionResult: 'defect' },
        { mode: 'all' },
        { name: '試験' },
      ),
    ).toEqual({
      step: 'inspect',
      on_date: '2026-11-24',
      inspection_result: 'defect',
      filter: { name: '試験' },
    });
  });

  it('asks for cards and a date before asking the server', () => {
    expect(bulkProblem({ step: 'hand_over', onDate: '2026-11-24', inspectionResult: 'ok' }, 0)).toBe(
      'カードを選んでから設定してください。',
    );
    expect(bulkProblem({ step: 'hand_over', onDate: '', inspectionResult: 'ok' }, 2)).toBe(
      '日付を正しく入力してください。',
    );
    expect(bulkProblem({ step: 'hand_over', onDate: '2026-11-24', inspectionResult: 'ok' }, 2)).toBeNull();
  });

  it('lists each refused card with where it is', () => {
    const error = new ApiError(409, 'ledger.invalid_transition', 'some cards cannot take the step', [
      {
        field: 'cards.AAA000003',
        code: 'ledger.invalid_transition',
        message: 'a card that is inspected cannot send_notice',
      },
      { field: 'cards.AAA000004', code: 'ledger.invalid_transition', message: 'refused' },
    ]);
    expect(refusals(error, 'send_notice')).toEqual([
      { number: 'AAA000003', status: 'inspected', text: 'AAA000003（検品済）: 交付通知書発送できる状態ではありません' },
      { number: 'AAA000004', status: null, text: 'AAA000004: 交付通知書発送できる状態ではありません' },
    ]);
  });

  it('says how many were set, and how many of them corrected a date', () => {
    expect(bulkDoneText('send_notice', 2, 0)).toBe('2件のカードの交付通知書発送日を設定しました。');
    expect(bulkDoneText('inspect', 3, 1)).toBe(
      '4件のカードの検品日を設定しました。うち 1件は、設定済みの日付を訂正しました。',
    );
    expect(bulkConfirmText('hand_over', 2, '2026-11-24')).toBe('2件のカードの交付日を 2026年11月24日（火） にします。');
  });
});
