// Reception numbers as a clerk or a keyboard-wedge reader types them: full-width
// digits, spaces and hyphens are fine. Mirrors ReceptionNumber::parse in
// crates/domain/src/reception.rs, so a number refused here is refused there too.
import { foldToAscii, trimText } from '../../../../frontend-shared/input/width';
import { luhnDigit } from '../../../../frontend-shared/input/reception';

export type ReceptionCheck =
  | { ok: true; number: string }
  | { ok: false; code: 'empty' | 'reception_number.invalid' | 'reception_number.check_digit' };

/** Only the digits and what readers add: full width folded, spaces and hyphens dropped. */
export function normaliseReceptionNumber(input: string): string {
  return foldToAscii(trimText(input)).replace(/[ \-\t]/g, '');
}

/** Ten digits with a right check digit, or why not. */
export function checkReceptionNumber(input: string): ReceptionCheck {
  const digits = normaliseReceptionNumber(input);
  if (digits === '') return { ok: false, code: 'empty' };
  if (!/^[0-9]{10}$/.test(digits)) return { ok: false, code: 'reception_number.invalid' };
  if (luhnDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, code: 'reception_number.check_digit' };
  return { ok: true, number: digits };
}

/** `1234567890` → `12345 67890`, easier to read out on the phone (as the resident pages show it). */
export function displayReceptionNumber(number: string): string {
  return /^[0-9]{10}$/.test(number) ? `${number.slice(0, 5)} ${number.slice(5)}` : number;
}
