// Phone numbers are kept as digits (madoguchi-domain's PhoneNumber, ../input/applicant.ts),
// which is right for comparing and sending but hard to read out to a resident: a clerk
// reads 090-1234-5678, not 09012345678. Only the display is grouped here; what is sent to
// the API stays as the forms normalise it.
//
// The groups follow the numbering plan as far as the number itself tells it: mobile and
// IP phones (070/080/090, 050, 060, 020) and the free-dial and navi-dial services have
// fixed groups, and of the fixed lines only Tokyo (03) and Osaka (06) have a two-digit
// area code that is certain from the digits alone. Other fixed lines have area codes of
// three to five digits that only the national table tells apart; they are grouped as the
// most common, three-digit, kind (0AB-CDE-FGHI), which still reads far better than ten
// digits in a row.

import { foldToAscii, trimText } from '../input/width';

/** Digits and groups: `[3, 4, 4]` writes `090-1234-5678`. */
type Groups = readonly number[];

// Ten-digit services with a four-digit prefix: free dial, navi dial, the rest.
const SERVICE_10 = ['0120', '0570', '0990', '0180'];

function groupsOf(digits: string): Groups | null {
  if (digits.length === 11) {
    if (digits.startsWith('0800')) return [4, 3, 4];
    // 0A0 with A = 2, 5, 6, 7, 8, 9: mobile, IP phone, M2M and pagers.
    if (/^0[256789]0/.test(digits)) return [3, 4, 4];
    return null;
  }
  if (digits.length === 10) {
    if (SERVICE_10.some((prefix) => digits.startsWith(prefix))) return [4, 3, 3];
    if (digits.startsWith('03') || digits.startsWith('06')) return [2, 4, 4];
    // Mobile and IP numbers are never ten digits long (one is missing), and 010 is the
    // prefix of a call abroad.
    if (/^0[1256789]0/.test(digits)) return null;
    return [3, 3, 4];
  }
  return null;
}

function group(digits: string, groups: Groups): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

/**
 * A Japanese phone number grouped with hyphens for reading: `09012345678` →
 * `090-1234-5678`, `0312345678` → `03-1234-5678`, `0120123456` → `0120-123-456`.
 * Full-width digits are read as digits; a number already written with hyphens keeps its
 * groups (whoever wrote it knew its area code). Anything that is not a Japanese number of
 * 10 or 11 digits is returned as it is.
 */
export function formatPhone(input: string): string {
  const text = foldToAscii(trimText(input));
  if (/^0\d*(-\d+)+$/.test(text)) {
    const digits = text.replaceAll('-', '');
    return digits.length === 10 || digits.length === 11 ? text : input;
  }
  const digits = text.replace(/[ ()]/g, '');
  if (!/^0\d+$/.test(digits)) return input;
  const groups = groupsOf(digits);
  return groups ? group(digits, groups) : input;
}
