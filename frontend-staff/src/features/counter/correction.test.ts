import { describe, expect, it } from 'vitest';
import type { StaffBooking } from './api';
import {
  changedFields,
  checkCorrection,
  correctionDraft,
  correctionRequest,
  isCorrectionField,
  type CorrectionDraft,
} from './correction';

const BOOKING: StaffBooking = {
  reception_number: '1234567890',
  location_id: '00000000-0000-0000-0000-000000000001',
  procedure_id: '00000000-0000-0000-0000-000000000002',
  start: '2026-12-02T00:00:00Z',
  end: '2026-12-02T00:30:00Z',
  places: 2,
  status: 'booked',
  applicants: [
    { name: '山崎 太郎', name_kana: 'ヤマザキ タロウ', birth_date: '1975-04-01' },
    { name: '山崎 花子', name_kana: 'ヤマザキ ハナコ', birth_date: '1977-06-01' },
  ],
  phone: '0300000002',
  email: null,
  notes: '',
  created_by: 'callcenter',
  created_at: '2026-11-20T01:00:00Z',
  beyond_capacity: false,
  without_letter: false,
  version: 3,
};

const draft = (change: (d: CorrectionDraft) => void = () => {}): CorrectionDraft => {
  const d = correctionDraft(BOOKING);
  change(d);
  return d;
};

describe('the correction form', () => {
  it('starts from the booking, the phone grouped as it is read out', () => {
    expect(correctionDraft(BOOKING)).toEqual({
      applicants: [
        { name: '山崎 太郎', name_kana: 'ヤマザキ タロウ' },
        { name: '山崎 花子', name_kana: 'ヤマザキ ハナコ' },
      ],
      phone: '03-0000-0002',
      email: '',
      reason: '',
    });
  });

  it('sends only what changed, read as the server reads it, with the version and the reason', () => {
    const d = draft((d) => {
      d.applicants[0]!.name = '山﨑　太郎';
      d.applicants[0]!.name_kana = 'ヤマザキ タロウ';
      d.phone = '０３－００００－０００２';
      d.email = 'Taro@Example.JP';
      d.reason = ' 電話で聞き違い ';
    });
    expect(changedFields(d, BOOKING)).toEqual(['applicants.0.name', 'email']);
    expect(checkCorrection(d, BOOKING)).toEqual({});
    expect(correctionRequest(d, BOOKING)).toEqual({
      version: 3,
      reason: '電話で聞き違い',
      applicants: [{ name: '山﨑 太郎' }],
      email: 'Taro@example.jp',
    });
  });

  it('keeps the applicants before a corrected one as they are, and reads hiragana as katakana', () => {
    const d = draft((d) => {
      d.applicants[1]!.name_kana = 'やまさき はなこ';
      d.reason = '本人から訂正の電話';
    });
    expect(correctionRequest(d, BOOKING)).toEqual({
      version: 3,
      reason: '本人から訂正の電話',
      applicants: [{}, { name_kana: 'ヤマサキ ハナコ' }],
    });
  });

  it('names each faulty field as the server would, and asks for a reason', () => {
    const d = draft((d) => {
      d.applicants[0]!.name_kana = 'ヤマサキ1';
      d.applicants[1]!.name = '';
      d.phone = '03-0000';
      d.email = 'taro@';
    });
    expect(checkCorrection(d, BOOKING)).toEqual({
      'applicants.0.name_kana': 'kana.invalid',
      'applicants.1.name': 'correct.cannot_clear',
      phone: 'phone.invalid',
      email: 'email.invalid',
      reason: 'correct.reason',
    });
  });

  it('says when nothing would change', () => {
    expect(
      checkCorrection(
        draft((d) => (d.reason = '確認のみ')),
        BOOKING,
      ),
    ).toEqual({ form: 'correct.nothing' });
    // An empty field that was empty stays unsent: the booking had no mail address.
    expect(changedFields(draft(), BOOKING)).toEqual([]);
  });

  it('knows which of the server’s field names are on this form', () => {
    expect(isCorrectionField('applicants.0.name_kana')).toBe(true);
    expect(isCorrectionField('phone')).toBe(true);
    expect(isCorrectionField('applicants')).toBe(false);
    expect(isCorrectionField('applicants.0.birth_date')).toBe(false);
  });
});
