// What the confirmation page shows: each field as the server will store it (the parses of
// crates/domain/src/applicant.rs, mirrored in frontend-shared/input/applicant.ts), so that
// a resident confirms ヤマダ and A1B234567, not the やまだ and ａ１ｂ－… they typed.

import {
  address,
  email,
  managementNumber,
  name,
  nameKana,
  phone,
  type ApplicantField,
} from '../../../frontend-shared/input/applicant';
import { foldToAscii, trimText } from '../../../frontend-shared/input/width';
import { formatPhone } from '../../../frontend-shared/phone/format';
import { formatSeireki } from '../../../frontend-shared/dates/japan';
import { parseBirthDate, toWareki } from '../../../frontend-shared/input/wareki';

// Numbers whose groups the digits alone make certain: mobile and IP phones (070, 080, 090,
// 050: 3-4-4), free dial (0120: 4-3-3) and the two-digit area codes of Tokyo and Osaka
// (03, 06: 2-4-4). Other area codes run from two to five digits and only the national
// table tells them apart, so the resident's own hyphens are kept rather than guessed.
const CERTAIN = /^(0[5789]0\d{8}|0120\d{6}|0[36]\d{8})$/;

/**
 * A valid phone number as it reads best: `09012345678` → `090-1234-5678`, `0312345678` →
 * `03-1234-5678`; another one in half-width digits with the groups its writer gave it
 * (`０４６６（１２）３４５６` → `0466-12-3456`). The server keeps the digits alone.
 */
export function shownPhone(typed: string): string | null {
  const parsed = phone(typed);
  if (!parsed.ok) return null;
  if (CERTAIN.test(parsed.value)) return formatPhone(parsed.value);
  return foldToAscii(trimText(typed)).replace(/[ ()]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/**
 * `field`'s text as it will be stored and shown back, or `null` when empty or not valid
 * (the form lets neither through; the caller then shows what was typed).
 */
export function storedText(field: ApplicantField, text: string, today: string): string | null {
  if (trimText(text) === '') return null;
  switch (field) {
    case 'birth_date': {
      const parsed = parseBirthDate(text, today);
      return parsed.ok ? `${toWareki(parsed.iso)}（${formatSeireki(parsed.iso)}）` : null;
    }
    case 'phone':
      return shownPhone(text);
    default: {
      const parse = { management_number: managementNumber, name, name_kana: nameKana, address, email }[field];
      const parsed = parse(text);
      return parsed.ok ? parsed.value : null;
    }
  }
}
