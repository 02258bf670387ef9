import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../frontend-shared/api/problem';
import {
  fieldErrorText,
  fieldMessages,
  inspectionLabel,
  kindLabel,
  ledgerError,
  problemMessage,
  renewalLabel,
  sexLabel,
  STATUSES,
  statusLabel,
  visitLabel,
} from './labels';

describe('ledger labels', () => {
  it('names every status as the paper ledger does', () => {
    expect(STATUSES.map(statusLabel)).toEqual([
      '納品済',
      '検品済',
      '交付前設定済',
      '通知書発送済',
      '通知書返戻',
      '予約済',
      '交付済',
      '交付取りやめ',
      '再発行',
      '廃止',
      '廃棄',
    ]);
  });

  it('names kinds, visit methods, inspection results and sexes', () => {
    expect(['new', 'renewal', 'reissue'].map(kindLabel)).toEqual(['新規', '更新', '再交付']);
    expect(['at_issuance', 'at_application'].map(visitLabel)).toEqual(['交付時来庁', '申請時来庁']);
    expect(['ok', 'moved_out', 'deceased', 'defect', 'other'].map(inspectionLabel)).toEqual([
      '良品',
      '転出',
      '死亡',
      '不良',
      'その他',
    ]);
    expect(['1', '2', '9'].map(sexLabel)).toEqual(['男', '女', '不明']);
    expect(['matched', 'conflict', 'not_on_list'].map(renewalLabel)).toEqual(['一致', '不一致', '一覧になし']);
  });

  it('shows a dash for nothing and an unknown code as it is', () => {
    expect(kindLabel(null)).toBe('—');
    expect(statusLabel('lost_in_the_post')).toBe('lost_in_the_post');
  });

  it('words error codes in Japanese, the ledger first, then the app, then a generic message', () => {
    expect(ledgerError('ledger.invalid_transition')).toBe('この状態のカードには、この処理はできません。');
    expect(ledgerError('auth.forbidden')).toBe('この操作を行う権限がありません。');
    expect(ledgerError('something.new')).toBe('エラーが発生しました。時間をおいてもう一度お試しください。');
    expect(problemMessage(new ApiError(0, 'network'))).toContain('サーバーに接続できません');
  });

  it('names a payload field error by its field', () => {
    expect(fieldErrorText('birth_date', 'birth_date.invalid')).toBe(
      '生年月日: 日付として読めません（年月日8桁のはずです）。',
    );
    expect(fieldErrorText('payload', 'qr.field_count')).toMatch(/^読み取った内容: 項目の数/);
  });

  it('keeps the first message of each field', () => {
    const error = new ApiError(422, 'validation.failed', undefined, [
      { field: 'birth_date', code: 'validation.date', message: '' },
      { field: 'birth_date', code: 'validation.required', message: '' },
      { field: 'management_number', code: 'management_number.invalid', message: '' },
    ]);
    expect(fieldMessages(error)).toEqual({
      birth_date: ledgerError('validation.date'),
      management_number: ledgerError('management_number.invalid'),
    });
  });
});
