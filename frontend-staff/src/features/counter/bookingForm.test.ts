import { describe, expect, it } from 'vitest';
import {
  bookingRequest,
  checkBookingForm,
  effectiveRules,
  emptyApplicant,
  fieldId,
  resizeParty,
  type BookingDraft,
} from './bookingForm';
import type { FieldRules } from './api';

const issuance: FieldRules = {
  management_number: 'required',
  name: 'required',
  name_kana: 'required',
  birth_date: 'required',
  address: 'hidden',
  phone: 'required',
  email: 'optional',
};
const TODAY = '2026-06-01';

function draft(overrides: Partial<BookingDraft> = {}): BookingDraft {
  return {
    procedureId: 'p',
    locationId: 'l',
    start: '2026-06-01T10:00:00+09:00',
    applicants: [
      {
        ...emptyApplicant(),
        management_number: 'ａ１ｂ２３４５６７',
        name: '山田 太郎',
        name_kana: 'やまだ たろう',
        birth_date: '昭和55年4月1日',
      },
    ],
    phone: '090-1234-5678',
    email: '',
    notes: '',
    withoutLetter: false,
    beyondCapacity: false,
    slotShort: false,
    ...overrides,
  };
}

describe('the call-center booking form', () => {
  it('accepts what the server accepts: full width, hiragana, 和暦', () => {
    expect(checkBookingForm(draft(), issuance, TODAY)).toEqual({});
  });

  it('names every faulty field as the API does', () => {
    const errors = checkBookingForm(
      draft({
        start: '',
        applicants: [
          {
            ...emptyApplicant(),
            management_number: 'bad',
            name: '',
            name_kana: 'Yamada',
            birth_date: '昭和64年1月8日',
          },
          {
            ...emptyApplicant(),
            management_number: 'A1B234567',
            name: '山田 花子',
            name_kana: 'ヤマダ ハナコ',
            birth_date: '2030-01-01',
          },
        ],
        phone: '12',
        email: 'taro@',
      }),
      issuance,
      TODAY,
    );
    expect(errors).toEqual({
      start: 'form.slot',
      'applicants.0.management_number': 'management_number.invalid',
      'applicants.0.name': 'validation.required',
      'applicants.0.name_kana': 'kana.invalid',
      'applicants.0.birth_date': 'birth_date.invalid',
      'applicants.1.birth_date': 'birth_date.out_of_range',
      phone: 'phone.invalid',
      email: 'email.invalid',
    });
  });

  it('makes the management number optional without a 交付通知書, but still checks one typed', () => {
    const noLetter = draft({ withoutLetter: true, applicants: [{ ...draft().applicants[0]!, management_number: '' }] });
    expect(checkBookingForm(noLetter, issuance, TODAY)).toEqual({});
    expect(checkBookingForm({ ...noLetter, withoutLetter: false }, issuance, TODAY)).toEqual({
      'applicants.0.management_number': 'validation.required',
    });
    expect(effectiveRules(issuance, true).management_number).toBe('optional');
    expect(effectiveRules({ ...issuance, management_number: 'hidden' }, true).management_number).toBe('hidden');
  });

  it('asks for the procedure, the location and a slot with places enough', () => {
    expect(checkBookingForm(draft({ procedureId: '', locationId: '' }), null, TODAY)).toEqual({
      procedure_id: 'form.procedure',
      location_id: 'form.location',
    });
    expect(checkBookingForm(draft({ slotShort: true }), issuance, TODAY)).toEqual({ start: 'form.beyond' });
    expect(checkBookingForm(draft({ slotShort: true, beyondCapacity: true }), issuance, TODAY)).toEqual({});
  });

  it('limits the notes to 1000 characters, counting characters not UTF-16 units', () => {
    expect(checkBookingForm(draft({ notes: '𠮷'.repeat(1000) }), issuance, TODAY)).toEqual({});
    expect(checkBookingForm(draft({ notes: 'あ'.repeat(1001) }), issuance, TODAY)).toEqual({
      notes: 'validation.too_long',
    });
    expect(checkBookingForm(draft({ notes: '電話\n折り返し希望' }), issuance, TODAY)).toEqual({});
    expect(checkBookingForm(draft({ notes: 'a\u0007b' }), issuance, TODAY)).toEqual({
      notes: 'validation.control_character',
    });
  });

  it('sends hidden fields never, empty ones as null, and beyond_capacity only when needed', () => {
    const body = bookingRequest(draft({ notes: ' 折り返し希望 ', beyondCapacity: true }), issuance);
    expect(body.applicants?.[0]).toEqual({
      management_number: 'ａ１ｂ２３４５６７',
      name: '山田 太郎',
      name_kana: 'やまだ たろう',
      birth_date: '昭和55年4月1日',
      address: null,
    });
    expect(body.email).toBeNull();
    expect(body.notes).toBe('折り返し希望');
    expect(body.beyond_capacity).toBe(false);
    expect(bookingRequest(draft({ beyondCapacity: true, slotShort: true }), issuance).beyond_capacity).toBe(true);
  });

  it('keeps what was typed when the party changes size', () => {
    const first = draft().applicants;
    const grown = resizeParty(first, 3);
    expect(grown).toHaveLength(3);
    expect(grown[0]).toBe(first[0]);
    expect(grown[2]).toEqual(emptyApplicant());
    expect(resizeParty(grown, 1)).toEqual(first);
    expect(fieldId('applicants.1.birth_date')).toBe('counter-applicants-1-birth_date');
  });
});
