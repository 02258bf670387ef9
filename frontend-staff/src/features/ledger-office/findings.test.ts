import { describe, expect, it } from 'vitest';
import { countByVerdict, filterFindings, flaggedCount, reasonText, verdictLabel, type Finding } from './findings';

const FINDINGS: Finding[] = [
  { management_number: 'C3D345678', verdict: 'conflict', line: 3, reason: 'the birth dates differ', card_id: 'c' },
  { management_number: 'G7H567890', verdict: 'conflict', line: 5, reason: 'the ledger says abolished', card_id: 'g' },
  { management_number: 'Z9Z999999', verdict: 'not_in_ledger', line: 4, reason: '', card_id: null },
  { management_number: 'E5F456789', verdict: 'not_on_list', line: null, reason: '', card_id: 'e' },
  { management_number: 'A1B234567', verdict: 'matched', line: 2, reason: '', card_id: 'a' },
];

describe('the reconciliation findings', () => {
  it('are counted by verdict', () => {
    expect(countByVerdict(FINDINGS)).toEqual({ matched: 1, conflict: 2, not_in_ledger: 1, not_on_list: 1 });
    expect(countByVerdict([])).toEqual({ matched: 0, conflict: 0, not_in_ledger: 0, not_on_list: 0 });
  });

  it('are filtered by verdict, keeping the server order', () => {
    expect(filterFindings(FINDINGS, 'conflict').map((f) => f.management_number)).toEqual(['C3D345678', 'G7H567890']);
    expect(filterFindings(FINDINGS, 'all')).toHaveLength(5);
    expect(filterFindings(FINDINGS, 'not_on_list').map((f) => f.line)).toEqual([null]);
  });

  it('are explained in Japanese', () => {
    expect(FINDINGS.map(reasonText)).toEqual([
      '生年月日が管理簿と違います。',
      '管理簿では「廃止」です。',
      '管理簿に登録されていません。',
      '交付を待っている更新のカードですが、一覧にありません。',
      '',
    ]);
    expect(reasonText({ verdict: 'conflict', reason: 'something else' })).toBe('something else');
    expect(verdictLabel('not_in_ledger')).toBe('管理簿になし');
    expect(verdictLabel('odd')).toBe('odd');
  });

  it('flag every card the ledger has', () => {
    expect(flaggedCount({ matched: 3, conflict: 1, not_on_list: 2 })).toBe(6);
  });
});
