import { describe, expect, it } from 'vitest';
import { actionLabel, actorLabel, correctedFieldLabel, describeEvent } from './history';

describe('booking history', () => {
  it('names actions and actors in Japanese', () => {
    expect(actionLabel('created')).toBe('予約');
    expect(actionLabel('checked_in')).toBe('来庁受付');
    expect(actionLabel('something_new')).toBe('something_new');
    expect(actorLabel('resident')).toBe('本人（予約サイト）');
    expect(actorLabel('callcenter')).toBe('callcenter');
  });

  it('describes each event in Japan time', () => {
    expect(
      describeEvent('created', {
        start: '2026-12-02T00:00:00Z',
        places: 2,
        without_letter: true,
        beyond_capacity: false,
      }),
    ).toEqual(['枠 2026/12/02 09:00', '2名', '交付通知書なし']);
    expect(
      describeEvent('changed', {
        from: '2026-12-02T00:00:00Z',
        to: '2026-12-03T01:30:00Z',
        reason: '電話で依頼',
        beyond_capacity: false,
      }),
    ).toEqual(['2026/12/02 09:00 → 2026/12/03 10:30', '理由: 電話で依頼']);
    expect(describeEvent('cancelled', { start: '2026-12-02T00:00:00Z', reason: null })).toEqual([
      '枠 2026/12/02 09:00',
    ]);
    expect(describeEvent('notes', { notes: '車椅子' })).toEqual(['備考: 車椅子']);
    expect(describeEvent('notes', { notes: '' })).toEqual(['備考を消去']);
    expect(describeEvent('checked_in', {})).toEqual([]);
    expect(describeEvent('no_show', null)).toEqual([]);
  });

  it('says what a correction changed, each field before and after', () => {
    expect(actionLabel('corrected')).toBe('訂正');
    expect(
      describeEvent('corrected', {
        'applicants.0.name': { from: '山崎 太郎', to: '山﨑 太郎' },
        'applicants.0.name_kana': { from: 'ヤマザキ タロウ', to: 'ヤマサキ タロウ' },
        phone: { from: '0300000002', to: '09012345678' },
        email: { from: null, to: 'taro@example.jp' },
        reason: '電話で聞き違い',
      }),
    ).toEqual([
      '氏名 山崎 太郎 → 山﨑 太郎',
      'フリガナ ヤマザキ タロウ → ヤマサキ タロウ',
      '電話番号 03-0000-0002 → 090-1234-5678',
      'メールアドレス （なし） → taro@example.jp',
      '理由: 電話で聞き違い',
    ]);
  });

  it('names the applicant of a correction only when the booking has several', () => {
    expect(correctedFieldLabel('applicants.0.name', 1)).toBe('氏名');
    expect(correctedFieldLabel('applicants.1.name_kana', 2)).toBe('申請者2のフリガナ');
    expect(correctedFieldLabel('phone', 3)).toBe('電話番号');
    expect(correctedFieldLabel('applicants.0.address', 1)).toBe('applicants.0.address');
    expect(describeEvent('corrected', { 'applicants.1.name': { from: '見本 次郎', to: '見本 二郎' } }, 2)).toEqual([
      '申請者2の氏名 見本 次郎 → 見本 二郎',
    ]);
  });

  it('names a reissued password, with the reason given', () => {
    expect(actionLabel('password_reissued')).toBe('パスワード再発行');
    expect(describeEvent('password_reissued', { reason: '本人から電話、パスワード紛失' })).toEqual([
      '理由: 本人から電話、パスワード紛失',
    ]);
    expect(describeEvent('password_reissued', { reason: null })).toEqual([]);
  });
});
