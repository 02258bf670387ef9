// Japanese users type digits, letters and hyphens in full width (全角) as often as
// not. These mirror crates/domain/src/width.rs exactly, so the form accepts and
// refuses the same text as the server.

// Rust's char::is_whitespace (Unicode White_Space). JS `\s` differs: it lacks U+0085
// and includes U+FEFF, which the server would keep as a character.
const WHITESPACE =
  '\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

// Hyphen look-alikes an IME or a copied text produces, ー and ｰ included: people
// type the long-vowel mark for the hyphen in 123ー4567.
const HYPHENS = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70';

/** Whether `c` (one character) is white space as the server sees it. */
export function isWhitespace(c: string): boolean {
  return c.length > 0 && WHITESPACE.includes(c);
}

/**
 * Folds full-width ASCII (U+FF01–U+FF5E), the ideographic space and the usual
 * hyphen look-alikes to ASCII; everything else (kanji, kana) is kept.
 */
export function foldToAscii(input: string): string {
  let out = '';
  for (const c of input) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (c === '\u3000') out += ' ';
    else if (HYPHENS.includes(c)) out += '-';
    else out += c;
  }
  return out;
}

/** Trims ASCII and ideographic white space at both ends. */
export function trimText(input: string): string {
  const chars = [...input];
  let start = 0;
  let end = chars.length;
  while (start < end && isWhitespace(chars[start] ?? '')) start += 1;
  while (end > start && isWhitespace(chars[end - 1] ?? '')) end -= 1;
  return chars.slice(start, end).join('');
}

/** Upper-cases ASCII letters only, as Rust's to_ascii_uppercase (`ß` stays `ß`). */
export function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}

/** Lower-cases ASCII letters only, as Rust's to_ascii_lowercase. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
