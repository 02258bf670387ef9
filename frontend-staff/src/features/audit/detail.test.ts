import { describe, expect, it } from 'vitest';
import { changeLines, changeText, detailItems, formatValue } from './detail';
import { targetLabel } from './labels';
import { formatAuditTime } from './time';

const line = (action: string, target_type: string, detail: object, more: object = {}) => ({
  action,
  target_type,
  target_id: null,
  detail: detail as never,
  ...more,
});

describe('what an audit line changed', () => {
  it('reads a settings change as 項目: before → after, in Japanese', () => {
    const record = line('settings.update', 'tenant_settings', {
      service_name: { from: 'デモ市 予約', to: 'デモ市 マイナンバー予約' },
      contact_phone: { from: '', to: '0422-12-3456' },
      site_public: { from: true, to: false },
      lockout_threshold: { from: 5, to: 6 },
    });
    expect(changeLines(record).map(changeText)).toEqual([
      'サービス名: デモ市 予約 → デモ市 マイナンバー予約',
      'お問い合わせ先の電話番号: （空欄） → 0422-12-3456',
      '予約サイト: 公開 → 停止',
      'ロックまでの誤入力回数: 5 → 6',
    ]);
    expect(detailItems(record)).toEqual([]);
  });

  it('reads a user change with roles and the account state in words, the login ID being the target', () => {
    const record = line(
      'user.update',
      'staff_user',
      {
        login_id: 'yamada',
        name: { from: '山田 太郎', to: '山田 花子' },
        // As Roles::to_list writes them, the users CSV's way.
        roles: { from: 'viewer', to: 'admin;ledger' },
        disabled: { from: false, to: true },
      },
      { target_name: 'yamada' },
    );
    expect(changeLines(record).map(changeText)).toEqual([
      '名前: 山田 太郎 → 山田 花子',
      '権限: 閲覧 → システム管理者、カード管理簿担当',
      'アカウント: 有効 → 無効',
    ]);
    expect(detailItems(record)).toEqual([]);
    expect(formatValue('roles', ['call_center', 'viewer'])).toBe('コールセンター、閲覧');
  });

  it('reads a line that is itself the change: a booking moved, a card stepped on', () => {
    const moved = line('booking.change', 'booking', {
      from: '2026-12-07T00:30:00Z',
      to: '2026-12-08T05:00:00Z',
      notes_changed: false,
      reason: null,
    });
    expect(changeLines(moved).map(changeText)).toEqual(['予約枠: 2026年12月7日 09:30 → 2026年12月8日 14:00']);
    expect(detailItems(moved)).toEqual([{ field: 'notes_changed', label: 'メモの変更', value: 'いいえ' }]);

    const stepped = line('ledger.step', 'ledger_card', {
      step: 'hand_over',
      from: 'booked',
      to: 'handed_over',
      on: '2026-12-06',
    });
    expect(changeLines(stepped).map(changeText)).toEqual(['状態: 予約済 → 交付済']);
    expect(detailItems(stepped).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '工程: 交付',
      '日付: 2026年12月6日（日）',
    ]);

    // A correction names the fields corrected; the audit line keeps no personal data.
    const corrected = line('booking.change', 'booking', {
      from: '2026-12-07T00:30:00Z',
      to: null,
      corrected: ['applicants.0.name', 'applicants.1.name_kana', 'phone'],
      reason: '電話で聞き違い',
    });
    expect(detailItems(corrected).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '開始: 2026年12月7日 09:30',
      '訂正した項目: 申請者1の氏名、申請者2のフリガナ、電話番号',
      '理由: 電話で聞き違い',
    ]);
    expect(
      detailItems(line('booking.password_reissue', 'booking', { mailed: false, reason: null })).map(
        (i) => `${i.label}: ${i.value}`,
      ),
    ).toEqual(['メールで送付: いいえ']);

    // Only the notes changed: no slot moved.
    expect(changeLines(line('booking.change', 'booking', { from: '2026-12-07T00:30:00Z', to: null }))).toEqual([]);
  });

  it('reads a card search as its filters in the ledger’s words and how many cards it found', () => {
    const searched = line('ledger.search', 'ledger_card', {
      filter: { name: '山田', birth_date: 'S30.11.3', status: 'received' },
      page: 2,
      total: 1,
    });
    expect(detailItems(searched).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '検索条件: 氏名=山田、生年月日=昭和30年11月3日、状態=納品済（1 件）',
      'ページ: 2',
    ]);
    const periods = line('ledger.search', 'ledger_card', {
      filter: { birth_date: '1955-11-03', date_field: 'handed_over_on', date_from: '2026-12-01', kind: 'brand_new' },
      page: 1,
      total: 0,
    });
    expect(detailItems(periods)[0]?.value).toBe(
      '生年月日=昭和30年11月3日、日付で絞り込む=交付日、期間の始め=2026年12月1日、種別=brand_new（0 件）',
    );
  });

  it('lists the rest as 項目: 値, never as JSON', () => {
    const exported = line('booking.export', 'booking', {
      query: { from: '2026-12-01', to: null, name: 'みほん', status: 'booked' },
      count: 3,
      format: 'xlsx',
      encoding: 'Shift_JIS',
    });
    // The count is in the target (予約（3 件）); an Excel file has no encoding.
    expect(detailItems(exported).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '検索条件: （開始: 2026年12月1日（火）、名前: みほん、状態: booked）',
      'ファイル形式: Excel（.xlsx）',
    ]);
    const moved = line('ledger.move', 'ledger_card', { to: '金庫A', cards: ['A1B000001', 'A1B000002'] });
    expect(detailItems(moved).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '移動先: 金庫A',
      'カード: A1B000001、A1B000002',
    ]);
    expect(changeLines(moved)).toEqual([]);
    const discarded = line('ledger.batch_discard', 'ledger_scan_batch', { reason: '別の箱と混ざった', scans: 4 });
    expect(detailItems(discarded).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '理由: 別の箱と混ざった',
      'スキャン数: 4',
    ]);
    // A failed sign-in's reason is in the outcome column already.
    expect(detailItems(line('auth.sign_in_failed', 'staff_user', { reason: 'wrong_password' }))).toEqual([]);
    // Keys nobody named yet are still shown, as written.
    expect(detailItems(line('x.y', 'z', { brand_new: 'あ' }))).toEqual([
      { field: 'brand_new', label: 'brand_new', value: 'あ' },
    ]);
  });

  it('reads a municipality the operator registered: named by its ID, its first administrator in words', () => {
    const created = line('tenant.create', 'tenant', {
      slug: 'kita',
      code: '132098',
      admin: 'kita-admin',
      admin_id: '0f6c2b1e-0000-4000-8000-000000000001',
    });
    expect(targetLabel(created)).toBe('自治体 kita');
    expect(detailItems(created).map((i) => `${i.label}: ${i.value}`)).toEqual([
      '地方公共団体コード: 132098',
      '最初のシステム管理者: kita-admin',
      '最初のシステム管理者のID: 0f6c2b1e-0000-4000-8000-000000000001',
    ]);
    expect(targetLabel(line('tenant.disable', 'tenant', {}))).toBe('自治体');
  });

  it('cuts long texts and lists, keeping the whole text for the title', () => {
    const message = 'システム更新のため、'.repeat(20);
    const [change] = changeLines(
      line('settings.update', 'tenant_settings', { closed_message: { from: '', to: message } }),
    );
    expect(change?.to.endsWith('…')).toBe(true);
    expect([...(change?.to ?? '')].length).toBe(81);
    expect(change?.full).toBe(`（空欄） → ${message}`);
    const numbers = Array.from({ length: 12 }, (_, i) => String(1000000000 + i));
    expect(formatValue('reception_numbers', numbers)).toMatch(/、1000000009 ほか 2 件$/);
    expect(formatValue('x', null)).toBe('（なし）');
    expect(formatValue('x', '一行目\n二行目')).toBe('一行目 二行目');
  });
});

describe('the time of a line', () => {
  it('is Japan time with seconds, whatever the zone the test runs in', () => {
    expect(formatAuditTime('2026-12-06T05:05:09Z')).toBe('2026年12月6日 14:05:09');
    // Past 15:00 UTC it is already the next day in Japan.
    expect(formatAuditTime('2026-12-31T15:00:00.123456Z')).toBe('2027年1月1日 00:00:00');
    expect(formatAuditTime('not a time')).toBe('not a time');
  });
});
