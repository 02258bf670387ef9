// The resident SPA's generated schema: FieldRules must stay the API's FieldRulesView.
import type { components } from '../../frontend-resident/src/api/schema';
import {
  address,
  email,
  type FieldRules,
  managementNumber,
  name,
  nameKana,
  phone,
  postalCode,
  toKatakana,
  validateApplicant,
} from './applicant';

const TODAY = '2026-11-22';

describe('a management number', () => {
  it('is accepted as printed or typed, with a hyphen, in full width or lower case', () => {
    for (const typed of [
      'A1B234567',
      'a1b-234567',
      'Ａ１Ｂ－２３４５６７',
      ' A1B 234567 ',
      'ａ１ｂ－２３４５６７',
      'A1Bー234567',
    ]) {
      expect(managementNumber(typed), typed).toEqual({ ok: true, value: 'A1B234567' });
    }
  });

  it('is refused with a digit too few or too many, a letter among the last six, or a stray hyphen', () => {
    for (const typed of ['A1B23456', 'A1B2345678', 'A1BC34567', 'A1B-23-4567', 'A1-B234567', 'あ1B234567']) {
      expect(managementNumber(typed), typed).toEqual({ ok: false, code: 'management_number.invalid' });
    }
  });

  it('is required when left blank', () => {
    expect(managementNumber('  ')).toEqual({ ok: false, code: 'validation.required' });
  });
});

describe('a name', () => {
  it('keeps old characters as typed and collapses the spaces', () => {
    expect(name('　髙橋　　﨑子 ')).toEqual({ ok: true, value: '髙橋 﨑子' });
    expect(name('𠮷田\t太郎')).toEqual({ ok: true, value: '𠮷田 太郎' });
  });

  it('is refused with a control character or over 100 characters', () => {
    expect(name('a\u0007b')).toEqual({ ok: false, code: 'validation.control_character' });
    expect(name('山'.repeat(101))).toEqual({ ok: false, code: 'validation.too_long' });
    expect(name('𠮷'.repeat(100)).ok, 'characters, not UTF-16 units, are counted').toBe(true);
    expect(name('')).toEqual({ ok: false, code: 'validation.required' });
  });
});

describe('a name reading (フリガナ)', () => {
  it('becomes full-width katakana from hiragana, half-width kana or katakana', () => {
    for (const typed of ['たかはし さきこ', 'ﾀｶﾊｼ ｻｷｺ', 'タカハシ　サキコ']) {
      expect(nameKana(typed), typed).toEqual({ ok: true, value: 'タカハシ サキコ' });
    }
    expect(nameKana('ちょうのすけ')).toEqual({ ok: true, value: 'チョウノスケ' });
    expect(nameKana('ゆーこ')).toEqual({ ok: true, value: 'ユーコ' });
  });

  it('joins half-width voiced and semi-voiced marks to their kana', () => {
    expect(nameKana('ｶﾞｯｺｳ ﾎﾟﾝﾌﾟ ｳﾞｧｲｵﾘﾝ')).toEqual({ ok: true, value: 'ガッコウ ポンプ ヴァイオリン' });
    expect(nameKana('ﾃﾞﾝﾄﾞｳ ﾂﾞﾂﾞｷ ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ')).toEqual({ ok: true, value: 'デンドウ ヅヅキ パピプペポ' });
    expect(nameKana('かﾞ')).toEqual({ ok: true, value: 'ガ' });
  });

  it('refuses kanji, letters, a stray voiced mark or over 100 characters', () => {
    expect(nameKana('高橋')).toEqual({ ok: false, code: 'kana.invalid' });
    expect(nameKana('Takahashi')).toEqual({ ok: false, code: 'kana.invalid' });
    expect(nameKana('ｱﾞ')).toEqual({ ok: false, code: 'kana.invalid' });
    expect(nameKana('ヤマダ・タロウ')).toEqual({ ok: false, code: 'kana.invalid' });
    expect(nameKana('ア'.repeat(101))).toEqual({ ok: false, code: 'validation.too_long' });
  });

  it('keeps text that is not kana when converting', () => {
    expect(toKatakana('ゔぁ ゕゖ 山')).toBe('ヴァ ヵヶ 山');
    expect(toKatakana('ﾞ')).toBe('゛');
  });
});

describe('a phone number', () => {
  it('is accepted as people write it and kept as digits', () => {
    for (const typed of [
      '03-1234-5678',
      '０９０－１２３４－５６７８',
      '(03) 1234 5678',
      '0312345678',
      '（０３）１２３４ー５６７８',
    ]) {
      expect(phone(typed).ok, typed).toBe(true);
    }
    expect(phone('０９０－１２３４－５６７８')).toEqual({ ok: true, value: '09012345678' });
  });

  it('is refused without the leading 0 or with too few or too many digits', () => {
    for (const typed of ['1234-5678', '03-1234-567', '090-1234-56789', '+81 3 1234 5678', '03.1234.5678']) {
      expect(phone(typed), typed).toEqual({ ok: false, code: 'phone.invalid' });
    }
  });
});

describe('a mail address', () => {
  it('is kept as typed with its domain lower-cased, full width accepted', () => {
    expect(email('Taro.Yamada@Example.JP')).toEqual({ ok: true, value: 'Taro.Yamada@example.jp' });
    expect(email('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual({ ok: true, value: 'taro@example.jp' });
  });

  it('can never carry a mail header, nor be an address that cannot receive mail', () => {
    for (const typed of [
      'taro@example.jp\r\nBcc: all@example.jp',
      'taro example@example.jp',
      'taro@localhost',
      '@example.jp',
      'taro@@example.jp',
      'taro@.example.jp',
      'taro@example.jp.',
      'taro@example..jp',
      'たろう@example.jp',
      `${'a'.repeat(65)}@example.jp`,
      `taro@${'a'.repeat(250)}.jp`,
    ]) {
      expect(email(typed), JSON.stringify(typed)).toEqual({ ok: false, code: 'email.invalid' });
    }
  });
});

describe('a postal code', () => {
  it('is 7 digits with or without the hyphen and the 〒, shown as printed', () => {
    expect(postalCode('〒１００－０００１')).toEqual({ ok: true, value: '100-0001' });
    expect(postalCode('1000001')).toEqual({ ok: true, value: '100-0001' });
    expect(postalCode('１００ー０００１')).toEqual({ ok: true, value: '100-0001' });
  });

  it('is refused with a digit missing', () => {
    expect(postalCode('100-001')).toEqual({ ok: false, code: 'postal_code.invalid' });
    expect(postalCode('100-00011')).toEqual({ ok: false, code: 'postal_code.invalid' });
  });
});

describe('an address', () => {
  it('is kept as written, up to 200 characters', () => {
    expect(address(' 東京都千代田区1-1 ')).toEqual({ ok: true, value: '東京都千代田区1-1' });
    expect(address('東'.repeat(201))).toEqual({ ok: false, code: 'validation.too_long' });
    expect(address('東京都\n千代田区')).toEqual({ ok: false, code: 'validation.control_character' });
  });
});

describe('one applicant against the procedure’s field rules', () => {
  const issuance: FieldRules = {
    management_number: 'required',
    name: 'required',
    name_kana: 'optional',
    birth_date: 'required',
    address: 'hidden',
    phone: 'required',
    email: 'optional',
  };

  it('has no faults when everything asked for is right', () => {
    const input = {
      management_number: 'ａ１ｂ－２３４５６７',
      name: '山田　太郎',
      birth_date: 'S25.4.1',
      phone: '090-1234-5678',
    };
    expect(validateApplicant(input, issuance, TODAY)).toEqual({});
  });

  it('names every faulty field at once', () => {
    const input = { management_number: 'bad', name: '', birth_date: '昭和99年1月1日', phone: '12', name_kana: '山田' };
    expect(validateApplicant(input, issuance, TODAY)).toEqual({
      management_number: 'management_number.invalid',
      name: 'validation.required',
      name_kana: 'kana.invalid',
      birth_date: 'birth_date.invalid',
      phone: 'phone.invalid',
    });
  });

  it('ignores hidden fields, however they are filled, and empty optional ones', () => {
    const input = {
      management_number: 'A1B234567',
      name: '山田 太郎',
      birth_date: '1950-04-01',
      phone: '0312345678',
      address: '\u0007',
      email: '　',
      name_kana: null,
    };
    expect(validateApplicant(input, issuance, TODAY)).toEqual({});
  });

  it('asks for a required field left blank or missing', () => {
    expect(validateApplicant({}, issuance, TODAY)).toEqual({
      management_number: 'validation.required',
      name: 'validation.required',
      birth_date: 'validation.required',
      phone: 'validation.required',
    });
  });

  it('checks an optional field once it is filled in', () => {
    const input = {
      management_number: 'A1B234567',
      name: '山田 太郎',
      birth_date: '2027-01-01',
      phone: '0312345678',
      email: 'taro@localhost',
    };
    expect(validateApplicant(input, issuance, TODAY)).toEqual({
      birth_date: 'birth_date.out_of_range',
      email: 'email.invalid',
    });
  });

  it('takes the API’s FieldRulesView as it is', () => {
    expectTypeOf<components['schemas']['FieldRulesView']>().toEqualTypeOf<FieldRules>();
  });
});
