import { describe, expect, it } from 'vitest';
import { filterQuery } from './AuditLogPage';
import { actionGroups, actionLabel, outcomeLabel, targetLabel } from './labels';

const record = {
  action: 'user.create',
  target_type: 'staff_user',
  target_id: '0f6c…',
  detail: { login_id: 'kimura' } as never,
};

describe('audit log labels', () => {
  it('names known actions in Japanese and shows unknown ones as recorded', () => {
    expect(actionLabel('user.import')).toBe('職員ユーザーCSV一括登録');
    expect(actionLabel('auth.sign_in_failed')).toBe('ログイン失敗');
    expect(actionLabel('ledger.something_new')).toBe('ledger.something_new');
  });

  it('offers every known action by area, with the whole area where the API can select it', () => {
    const groups = actionGroups();
    expect(groups.map((g) => g.family)).toEqual(['auth.', 'user.', 'booking.', undefined, undefined]);
    expect(groups[1]?.actions).toContain('user.import');
    expect(groups[3]?.actions).toContain('booking_rules.update');
    expect(groups[2]?.actions).not.toContain('booking_rules.update');
  });

  it('names the target by its login ID, number or summary', () => {
    expect(targetLabel(record)).toBe('職員ユーザー kimura');
    expect(
      targetLabel({ action: 'booking.read', target_type: 'booking', target_id: 'A1B2C3', detail: {} as never }),
    ).toBe('予約 A1B2C3');
    expect(
      targetLabel({
        action: 'user.import',
        target_type: 'staff_user',
        target_id: null,
        detail: { summary: { create: 2, update: 1, delete: 0, unchanged: 3 } } as never,
      }),
    ).toBe('職員ユーザー（追加 2・変更 1・削除 0）');
    expect(
      targetLabel({
        action: 'audit_log.export',
        target_type: 'audit_log',
        target_id: null,
        detail: { count: 12 } as never,
      }),
    ).toBe('操作ログ（12 件）');
  });

  it('says whether it succeeded, and why a sign-in failed', () => {
    expect(outcomeLabel(record)).toBe('成功');
    expect(outcomeLabel({ action: 'auth.sign_in_failed', detail: { reason: 'wrong_password' } as never })).toBe(
      '失敗（パスワード誤り）',
    );
  });

  it('sends only the filters that are set', () => {
    expect(filterQuery({ from: '2026-04-01', until: '', user: ' admin ', action: 'user.' }).toString()).toBe(
      'from=2026-04-01&user=admin&action=user.',
    );
  });
});
