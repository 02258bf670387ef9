import { describe, expect, it } from 'vitest';
import { exportPath, filterQuery } from './AuditLogPage';
import { ja } from '../../i18n/ja';
import { actionGroups, actionLabel, actorLabel, outcomeLabel, targetLabel, targetTypeLabel } from './labels';

const record = {
  action: 'user.create',
  target_type: 'staff_user',
  target_id: '0f6c…',
  detail: { login_id: 'kimura' } as never,
};

// Every action and target type the server writes (crates/http/src: each `.audit(` and
// AuditEntry). A new one there without words here fails this list, not the clerk.
const SERVER_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.refresh_replayed',
  'user.create',
  'user.view',
  'user.update',
  'user.delete',
  'user.password_reset',
  'user.password_change',
  'user.unlock',
  'user.import',
  'user.export',
  'booking.create',
  'booking.create_beyond_capacity',
  'booking.change',
  'booking.change_beyond_capacity',
  'booking.cancel',
  'booking.check_in',
  'booking.no_show',
  'booking.read',
  'booking.search',
  'booking.export',
  'booking.print',
  'booking.password_reissue',
  'booking_rules.update',
  'holidays.import',
  'location.create',
  'location.update',
  'procedure.create',
  'procedure.update',
  'pool.create',
  'pool.procedures_set',
  'schedule.week_set',
  'schedule.weekday_set',
  'schedule.date_set',
  'schedule.date_removed',
  'schedule.closure_set',
  'schedule.closure_removed',
  'settings.update',
  'settings.logo_update',
  'settings.logo_delete',
  'mail_template.update',
  'mail_template.reset',
  'mail_template.test',
  'notice.create',
  'notice.update',
  'notice.delete',
  'notice.reorder',
  'audit_log.export',
  'ledger.import',
  'ledger.export',
  'ledger.step',
  'ledger.bulk_step',
  'ledger.edit',
  'ledger.delete',
  'ledger.move',
  'ledger.storage_create',
  'ledger.storage_delete',
  'ledger.batch_create',
  'ledger.scan_images',
  'ledger.scan_remove',
  'ledger.batch_commit',
  'ledger.batch_discard',
  'ledger.batch_expire',
  'ledger.print_checklist',
  'ledger.print_receipt',
  'ledger.renewal_reconcile',
  'ledger.people_import',
  'ledger.people_lookup',
  'ledger.postal_import',
  'ledger.settings',
  'ledger.search',
  'ledger.view',
  'ledger.batch_view',
  'retention.bookings',
  'retention.people',
  'keys.rotate_data',
  'keys.destroy',
  'tenant.create',
  'tenant.disable',
  'tenant.enable',
];
const SERVER_TARGETS = [
  'staff_user',
  'booking',
  'tenant_settings',
  'audit_log',
  'location',
  'procedure',
  'capacity_pool',
  'booking_rules',
  'tenant_holidays',
  'tenant',
  'notice',
  'mail_template',
  'ledger_card',
  'ledger_storage_location',
  'ledger_scan_batch',
  'ledger_person',
  'ledger_settings',
  'postal_code',
  'staff_session',
];

describe('audit log labels', () => {
  it('names known actions in Japanese and shows unknown ones as recorded', () => {
    expect(actionLabel('user.import')).toBe('職員ユーザーCSV一括登録');
    expect(actionLabel('auth.sign_in_failed')).toBe('ログイン失敗');
    expect(actionLabel('ledger.batch_discard')).toBe('スキャンバッチを破棄');
    expect(actionLabel('ledger.batch_expire')).toBe('スキャンバッチの自動破棄');
    expect(actionLabel('ledger.scan_remove')).toBe('スキャンの取り消し');
    expect(actionLabel('ledger.search')).toBe('カード検索');
    expect(actionLabel('ledger.view')).toBe('カード閲覧');
    expect(actionLabel('ledger.batch_view')).toBe('読取バッチ閲覧');
    expect(actionLabel('ledger.something_new')).toBe('ledger.something_new');
  });

  it('has words for every action and target type the server writes', () => {
    expect(SERVER_ACTIONS.filter((action) => actionLabel(action) === action)).toEqual([]);
    expect(SERVER_TARGETS.filter((type) => targetTypeLabel(type) === type)).toEqual([]);
    // And nothing for actions the server never writes.
    const labelled = Object.keys(ja)
      .filter((key) => key.startsWith('audit.action.'))
      .map((key) => key.slice('audit.action.'.length));
    expect(labelled.filter((action) => !SERVER_ACTIONS.includes(action))).toEqual([]);
  });

  it('offers every known action by area, with the whole area where the API can select it', () => {
    const groups = actionGroups();
    expect(groups.map((g) => g.family)).toEqual(['auth.', 'user.', 'booking.', 'ledger.', undefined, undefined]);
    expect(groups[1]?.actions).toContain('user.import');
    expect(groups[3]?.actions).toContain('ledger.batch_discard');
    expect(groups[4]?.actions).toContain('booking_rules.update');
    expect(groups[4]?.actions).not.toContain('ledger.step');
    expect(groups[2]?.actions).not.toContain('booking_rules.update');
  });

  it('names the target as the thing it names: the server’s name, else what the line kept', () => {
    expect(targetLabel(record)).toBe('職員 kimura');
    expect(targetLabel({ ...record, target_name: 'yamada' })).toBe('職員 yamada');
    expect(
      targetLabel({ action: 'booking.read', target_type: 'booking', target_id: '1234567890', detail: {} as never }),
    ).toBe('予約 1234567890');
    const named = (target_type: string, target_name: string) =>
      targetLabel({ action: 'x.update', target_type, target_id: 'c0ffee', target_name, detail: {} as never });
    expect(named('location', '本庁舎')).toBe('窓口 本庁舎');
    expect(named('procedure', 'マイナンバーカード交付')).toBe('手続 マイナンバーカード交付');
    expect(named('ledger_card', 'A1B000001')).toBe('カード A1B000001');
    expect(named('ledger_storage_location', '金庫A')).toBe('保管場所 金庫A');
    // A location deleted since: its name is in the line.
    expect(
      targetLabel({
        action: 'location.update',
        target_type: 'location',
        target_id: 'c0ffee',
        target_name: null,
        detail: { name: '北支所', active: false } as never,
      }),
    ).toBe('窓口 北支所');
    expect(
      targetLabel({
        action: 'mail_template.update',
        target_type: 'mail_template',
        target_id: 'confirmation',
        detail: {} as never,
      }),
    ).toBe('メール文面 予約受付');
    expect(
      targetLabel({
        action: 'mail_template.reset',
        target_type: 'mail_template',
        target_id: 'duplicate_attempt',
        detail: {} as never,
      }),
    ).toBe('メール文面 重複申込のお知らせ');
    expect(
      targetLabel({
        action: 'ledger.batch_discard',
        target_type: 'ledger_scan_batch',
        target_id: 'c0ffee',
        detail: {} as never,
      }),
    ).toBe('スキャンバッチ');
    expect(targetLabel({ action: 'notice.reorder', target_type: 'notice', target_id: null, detail: {} as never })).toBe(
      'お知らせ',
    );
    expect(
      targetLabel({
        action: 'notice.create',
        target_type: 'notice',
        target_id: 'c0ffee',
        detail: { title: '年末年始の窓口の受付時間について、12月29日から1月3日までお休みします' } as never,
      }),
    ).toBe('お知らせ 年末年始の窓口の受付時間について、12月29日から1月3日ま…');
    // Signing in is done to oneself, even when the login ID typed belongs to no one.
    expect(
      targetLabel({
        action: 'auth.sign_in_failed',
        target_type: 'staff_user',
        target_id: null,
        actor_login_id: 'nobody',
        detail: { reason: 'unknown_user' } as never,
      }),
    ).toBe('職員 nobody');
    expect(
      targetLabel({
        action: 'user.import',
        target_type: 'staff_user',
        target_id: null,
        detail: { summary: { create: 2, update: 1, delete: 0, unchanged: 3 } } as never,
      }),
    ).toBe('職員（追加 2・変更 1・削除 0）');
    expect(
      targetLabel({
        action: 'audit_log.export',
        target_type: 'audit_log',
        target_id: null,
        detail: { count: 12 } as never,
      }),
    ).toBe('操作ログ（12 件）');
    expect(targetLabel({ action: 'x.y', target_type: 'something_new', target_id: 'z', detail: {} as never })).toBe(
      'something_new',
    );
  });

  it('says whether it succeeded, and why a sign-in failed', () => {
    expect(outcomeLabel(record)).toBe('成功');
    expect(outcomeLabel({ action: 'auth.sign_in_failed', detail: { reason: 'wrong_password' } as never })).toBe(
      '失敗（パスワード誤り）',
    );
    expect(outcomeLabel({ action: 'auth.sign_in_failed', detail: { reason: 'tenant_disabled' } as never })).toBe(
      '失敗（自治体の利用停止中）',
    );
  });

  it('says when the server acted by itself', () => {
    expect(actorLabel({ action: 'ledger.batch_expire', actor_login_id: 'system', actor_user_id: null })).toBe(
      '自動処理（system）',
    );
    expect(actorLabel({ action: 'auth.sign_in_failed', actor_login_id: 'system', actor_user_id: null })).toBe('system');
    // The operator's command line is written as `system` too, but someone decided it.
    expect(actorLabel({ action: 'tenant.create', actor_login_id: 'system', actor_user_id: null })).toBe(
      '運用担当者（system）',
    );
    expect(actorLabel({ action: 'user.create', actor_login_id: 'admin', actor_user_id: 'c0ffee' })).toBe('admin');
  });

  it('sends only the filters that are set', () => {
    expect(filterQuery({ from: '2026-04-01', until: '', user: ' admin ', action: 'user.' }).toString()).toBe(
      'from=2026-04-01&user=admin&action=user.',
    );
  });

  it('exports CSV in the chosen encoding, or Excel without one', () => {
    const filters = { from: '2026-04-01', until: '', user: '', action: '' };
    expect(exportPath(filters, 'csv', 'utf-8')).toBe('/api/v1/admin/audit-log/export?from=2026-04-01&encoding=utf-8');
    expect(exportPath(filters, 'xlsx', 'utf-8')).toBe('/api/v1/admin/audit-log/export?from=2026-04-01&format=xlsx');
  });
});
