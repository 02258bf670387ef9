import { describe, expect, it } from 'vitest';
import {
  formFromMappings,
  inputLabel,
  mappingInputId,
  mappingPayload,
  overrideCount,
  QR_LAYOUT_ID,
  settingsErrors,
} from './mappings';

describe('the settings form', () => {
  it('holds every field of every kind, filled with the tenant own headers', () => {
    const form = formFromMappings({ renewal: { management_number: '管理番号' } });
    expect(form.renewal).toEqual({
      management_number: '管理番号',
      name: '',
      birth_date: '',
      certificate_expires_on: '',
    });
    expect(Object.keys(form.legacy)).toHaveLength(32);
    expect(overrideCount(form, 'renewal')).toBe(1);
    expect(overrideCount(form, 'issuance')).toBe(0);
  });

  it('sends only the headers changed: trimmed, blanks and defaults left out, empty kinds dropped', () => {
    const form = formFromMappings(null);
    form.renewal.management_number = '  管理番号 ';
    form.people.name = '氏名';
    form.people.person_key = '   ';
    form.issuance.birth_date = '生年月日(西暦)';
    expect(mappingPayload(form)).toEqual({
      renewal: { management_number: '管理番号' },
      issuance: { birth_date: '生年月日(西暦)' },
    });
    expect(mappingPayload(formFromMappings(null))).toEqual({});
  });

  it('places each of the server errors beside its input and opens its table', () => {
    const errors = settingsErrors([
      { field: 'qr_layout', code: 'layout.separator', message: 'the separator is one character, or `tab`' },
      { field: 'qr_layout', code: 'layout.unknown_field', message: 'unknown field `foo`' },
      { field: 'qr_layout', code: 'layout.unknown_field', message: 'unknown field `bar`' },
      { field: 'qr_layout', code: 'layout.no_management_number', message: '' },
      { field: 'column_mappings.renewal.name', code: 'validation.length', message: '' },
      { field: 'column_mappings.renewal.notes', code: 'import.unknown_field', message: '' },
      { field: 'column_mappings.nope', code: 'import.unknown_kind', message: '' },
    ]);
    expect(errors.byInput[QR_LAYOUT_ID]).toEqual([
      '区切り文字は1文字か tab にしてください。',
      '知らない項目名があります（foo）。',
      '知らない項目名があります（bar）。',
      'management_number（製造管理番号）を含めてください。',
    ]);
    expect(errors.byInput[mappingInputId('renewal', 'name')]).toEqual(['長すぎるか、空です。']);
    expect(errors.kinds).toEqual(['renewal']);
    expect(errors.general).toEqual(['このファイルにはない項目です。', '知らないファイルの種類です。']);
  });

  it('names an input for the error summary', () => {
    expect(inputLabel(QR_LAYOUT_ID)).toBe('QRコードの項目の並び');
    expect(inputLabel(mappingInputId('people', 'person_key'))).toBe('宛名リスト: 宛名番号');
  });
});
