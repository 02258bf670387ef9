import { describe, expect, it } from 'vitest';
import type { FieldRules } from '../../../../frontend-shared/input/applicant';
import { bookingRequest } from './ConfirmPage';
import { emptyApplicant } from './draft';
import { checkForm, fieldId, formFaults } from './FormPage';

const issuance: FieldRules = {
  management_number: 'required',
  name: 'required',
  name_kana: 'optional',
  birth_date: 'required',
  address: 'hidden',
  phone: 'required',
  email: 'optional',
};
const today = '2026-11-23';

describe('the booking form before it is sent', () => {
  it('names every missing required field of every person, and nothing that is optional or not asked', () => {
    const errors = checkForm([emptyApplicant, emptyApplicant], { phone: '', email: '' }, issuance, today);
    expect(Object.keys(errors).sort()).toEqual(
      [
        fieldId('management_number', 0),
        fieldId('name', 0),
        fieldId('birth_date', 0),
        fieldId('management_number', 1),
        fieldId('name', 1),
        fieldId('birth_date', 1),
        fieldId('phone'),
      ].sort(),
    );
    expect(new Set(Object.values(errors))).toEqual(new Set(['validation.required']));
  });

  it('accepts what people type: full-width digits, hiragana, 和暦, a hyphenated phone', () => {
    const person = {
      ...emptyApplicant,
      management_number: 'ａ１ｂ－２３４５６７',
      name: '髙橋 太郎',
      name_kana: 'たかはし',
      birth_date: '昭和５０年４月１日',
    };
    expect(checkForm([person], { phone: '０９０－１２３４－５６７８', email: '' }, issuance, today)).toEqual({});
  });

  it('explains a wrong format rather than just refusing', () => {
    const person = {
      ...emptyApplicant,
      management_number: 'A1B23',
      name: '山田',
      name_kana: 'Yamada',
      birth_date: '平成32年1月1日',
    };
    expect(checkForm([person], { phone: '12', email: 'taro@' }, issuance, today)).toEqual({
      [fieldId('management_number', 0)]: 'management_number.invalid',
      [fieldId('name_kana', 0)]: 'kana.invalid',
      [fieldId('birth_date', 0)]: 'birth_date.invalid',
      [fieldId('phone')]: 'phone.invalid',
      [fieldId('email')]: 'email.invalid',
    });
  });

  it('names the day that does not exist in a birth date, and leaves other codes as the server gives them', () => {
    const person = { ...emptyApplicant, management_number: 'A1B234567', name: '山田', birth_date: '1975/2/30' };
    expect(formFaults([person], { phone: '12', email: '' }, issuance, today)).toEqual({
      [fieldId('birth_date', 0)]: { code: 'date.no_such_day', params: { month: 2, day: 30 } },
      [fieldId('phone')]: { code: 'phone.invalid' },
    });
  });

  it('sends only the fields the procedure asks, with empty optional ones as null', () => {
    const person = {
      ...emptyApplicant,
      management_number: 'A1B234567',
      name: '山田 太郎',
      birth_date: '1950/4/1',
      address: 'never sent',
    };
    const body = bookingRequest(
      'p',
      'l',
      '2026-12-01T08:30:00+09:00',
      'h',
      [person],
      { phone: '0312345678', email: ' ' },
      issuance,
    );
    expect(body.applicants).toEqual([
      { management_number: 'A1B234567', name: '山田 太郎', name_kana: null, birth_date: '1950/4/1' },
    ]);
    expect([body.phone, body.email, body.hold_id]).toEqual(['0312345678', null, 'h']);
  });
});
