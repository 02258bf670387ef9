// What a resident types about themselves, checked and normalised as they type it.
// Each function mirrors a parse in crates/domain/src/applicant.rs (and the address
// and field-rule handling of booking.rs) with the same error codes, so a message
// shown before sending is the one the server would have caused.

import { type BirthDateCode, parseBirthDate } from './wareki';
import { asciiLower, asciiUpper, foldToAscii, isWhitespace, trimText } from './width';

/** Every code these checks return; the server's FieldError codes, verbatim. */
export type FieldCode =
  | BirthDateCode
  | 'validation.too_long'
  | 'validation.control_character'
  | 'management_number.invalid'
  | 'kana.invalid'
  | 'phone.invalid'
  | 'email.invalid'
  | 'postal_code.invalid';

export type FieldResult = { ok: true; value: string } | { ok: false; code: FieldCode };

const ok = (value: string): FieldResult => ({ ok: true, value });
const fault = (code: FieldCode): FieldResult => ({ ok: false, code });

// Rust counts characters (code points), not UTF-16 units: 𠮷 is one.
const length = (text: string): number => [...text].length;
const hasControl = (text: string): boolean => /\p{Cc}/u.test(text);

/** The card's 製造管理番号: 3 letters or digits then 6 digits, e.g. `A1B234567`. */
export function managementNumber(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  let text = asciiUpper(foldToAscii(trimmed)).replaceAll(' ', '');
  // Only the hyphen as printed (`A1B-234567`) is dropped; one anywhere else is a typo.
  if (text.length === 10 && text[3] === '-') text = text.slice(0, 3) + text.slice(4);
  return /^[A-Z0-9]{3}[0-9]{6}$/.test(text) ? ok(text) : fault('management_number.invalid');
}

function collapseSpaces(text: string): string {
  return [...text]
    .map((c) => (isWhitespace(c) ? ' ' : c))
    .join('')
    .split(' ')
    .filter((part) => part !== '')
    .join(' ');
}

/** A name as written: 旧字体 such as 髙 or 﨑 are kept, spaces collapsed to one. */
export function name(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  const text = collapseSpaces(trimmed);
  if (length(text) > 100) return fault('validation.too_long');
  if (hasControl(text)) return fault('validation.control_character');
  return ok(text);
}

const HALF_WIDTH_KANA = 'ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ';
const FULL_WIDTH_KANA =
  'ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const VOICED: Record<string, string> = {
  カ: 'ガ',
  キ: 'ギ',
  ク: 'グ',
  ケ: 'ゲ',
  コ: 'ゴ',
  サ: 'ザ',
  シ: 'ジ',
  ス: 'ズ',
  セ: 'ゼ',
  ソ: 'ゾ',
  タ: 'ダ',
  チ: 'ヂ',
  ツ: 'ヅ',
  テ: 'デ',
  ト: 'ド',
  ハ: 'バ',
  ヒ: 'ビ',
  フ: 'ブ',
  ヘ: 'ベ',
  ホ: 'ボ',
  ウ: 'ヴ',
};
const SEMI_VOICED: Record<string, string> = { ハ: 'パ', ヒ: 'ピ', フ: 'プ', ヘ: 'ペ', ホ: 'ポ' };

/**
 * Half-width katakana (ﾞ and ﾟ joined to the kana before them) to full width,
 * hiragana to katakana; everything else kept.
 */
export function toKatakana(text: string): string {
  const out: string[] = [];
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c === 'ﾞ' || c === 'ﾟ') {
      const table = c === 'ﾞ' ? VOICED : SEMI_VOICED;
      const marked = table[out[out.length - 1] ?? ''];
      if (marked) out[out.length - 1] = marked;
      // A mark with nothing to join stays visible, so the reading check refuses it.
      else out.push(c === 'ﾞ' ? '゛' : '゜');
    } else if (code >= 0x3041 && code <= 0x3096) {
      out.push(String.fromCodePoint(code + 0x60));
    } else {
      const index = HALF_WIDTH_KANA.indexOf(c);
      out.push(index >= 0 ? (FULL_WIDTH_KANA[index] ?? c) : c);
    }
  }
  return out.join('');
}

/** The reading of a name (フリガナ) in full-width katakana; hiragana and ﾊﾝｶｸ are converted. */
export function nameKana(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  const text = collapseSpaces(toKatakana(trimmed));
  if (!/^[\u30a1-\u30fa\u30fc ]*$/.test(text)) return fault('kana.invalid');
  if (length(text) > 100) return fault('validation.too_long');
  return ok(text);
}

/** A birth date in either calendar; the value is `YYYY-MM-DD`. */
export function birthDate(input: string, today: Date | string): FieldResult {
  const result = parseBirthDate(input, today);
  return result.ok ? ok(result.iso) : fault(result.code);
}

/** An address as written, up to 200 characters. */
export function address(input: string): FieldResult {
  const text = trimText(input);
  if (text === '') return fault('validation.required');
  if (length(text) > 200) return fault('validation.too_long');
  if (hasControl(text)) return fault('validation.control_character');
  return ok(text);
}

/** A Japanese phone number, kept as digits: 10 or 11, starting with 0. */
export function phone(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  const digits = foldToAscii(trimmed).replace(/[ \-()]/g, '');
  return /^0[0-9]{9,10}$/.test(digits) ? ok(digits) : fault('phone.invalid');
}

/**
 * A mail address, its domain lower-cased. Spaces, CR and LF are refused so that it
 * can never carry a mail header; the domain needs a dot (no `taro@localhost`).
 */
export function email(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  const text = foldToAscii(trimmed);
  const at = text.lastIndexOf('@');
  if (at < 0) return fault('email.invalid');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  const domainOk = domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('..');
  const printable = /^[\x21-\x7e]*$/.test(text);
  if (local === '' || local.length > 64 || !domainOk || !printable || text.length > 254 || local.includes('@')) {
    return fault('email.invalid');
  }
  return ok(`${local}@${asciiLower(domain)}`);
}

/** A postal code, 7 digits; the value is as printed, `100-0001`. */
export function postalCode(input: string): FieldResult {
  const trimmed = trimText(input);
  if (trimmed === '') return fault('validation.required');
  const digits = foldToAscii(trimmed).replace(/^〒+/, '').replace(/[ -]/g, '');
  return /^[0-9]{7}$/.test(digits) ? ok(`${digits.slice(0, 3)}-${digits.slice(3)}`) : fault('postal_code.invalid');
}

export type ApplicantField = 'management_number' | 'name' | 'name_kana' | 'birth_date' | 'address' | 'phone' | 'email';

/** How a procedure asks for a field; the API's Requirement. */
export type Requirement = 'required' | 'optional' | 'hidden';

/** Which fields a procedure asks for; the API's FieldRulesView. */
export type FieldRules = Record<ApplicantField, Requirement>;

export type ApplicantInput = Partial<Record<ApplicantField, string | null>>;

export type ApplicantErrors = Partial<Record<ApplicantField, FieldCode>>;

/**
 * Every faulty field of one applicant with its contact details, as the server would
 * name them. Hidden fields are never read (the server drops them unread); an empty
 * optional field is fine; an empty required one is `validation.required`.
 */
export function validateApplicant(input: ApplicantInput, rules: FieldRules, today: Date | string): ApplicantErrors {
  const checks: Record<ApplicantField, (text: string) => FieldResult> = {
    management_number: managementNumber,
    name,
    name_kana: nameKana,
    birth_date: (text) => birthDate(text, today),
    address,
    phone,
    email,
  };
  const errors: ApplicantErrors = {};
  for (const field of Object.keys(checks) as ApplicantField[]) {
    const text = trimText(input[field] ?? '');
    if (rules[field] === 'hidden' || (rules[field] === 'optional' && text === '')) continue;
    const result = checks[field](text);
    if (!result.ok) errors[field] = result.code;
  }
  return errors;
}
