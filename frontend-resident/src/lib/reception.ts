// The reception number (受付番号) as crates/domain/src/reception.rs reads it: ten digits,
// the last a Luhn check digit; full-width digits, spaces and hyphens are accepted. Checked
// here before any look-up so that a resident hears what is wrong with what they typed
// ("いま8桁") instead of a look-up failure, and no failed look-up counts towards the limit.

import { foldToAscii, isWhitespace, trimText } from '../../../frontend-shared/input/width';
import { luhnDigit } from '../../../frontend-shared/input/reception';
import type { FieldFault } from '../i18n/problems';

export type ReceptionResult = { ok: true; value: string } | { ok: false; fault: FieldFault };

/**
 * `１２３４５－６７８９０` → `1234567890`, or what is wrong: nothing typed, characters
 * that are not digits (named, so that an O typed for a 0 is found), a wrong number of
 * digits (counted), or a check digit that does not match (a digit mistyped or two swapped).
 */
export function checkReceptionNumber(input: string): ReceptionResult {
  // The server drops only ASCII spaces and hyphens after folding; any other white space
  // inside is trimmed from the ends alone, so it is named below like any other character.
  const text = foldToAscii(trimText(input));
  if (text === '') return { ok: false, fault: { code: 'validation.required' } };
  const strays = [...new Set([...text].filter((c) => !/[0-9 -]/.test(c)))];
  if (strays.length > 0) {
    const chars = strays.map((c) => (isWhitespace(c) ? '空白' : `「${c}」`)).join('');
    return { ok: false, fault: { code: 'reception_number.not_digits', params: { chars } } };
  }
  const digits = text.replace(/[ -]/g, '');
  if (digits.length !== 10) {
    return { ok: false, fault: { code: 'reception_number.length', params: { count: digits.length } } };
  }
  if (luhnDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, fault: { code: 'reception_number.check_digit' } };
  }
  return { ok: true, value: digits };
}
