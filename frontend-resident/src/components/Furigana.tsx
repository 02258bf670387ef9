import { Fragment, type ReactNode } from 'react';

/**
 * Words residents find hard to read, with their reading. Only these get ふりがな: the
 * rest of the site is written in words people know.
 */
export const READINGS: Readonly<Record<string, string>> = {
  製造管理番号: 'せいぞうかんりばんごう',
  交付通知書: 'こうふつうちしょ',
};

const WORDS = new RegExp(`(${Object.keys(READINGS).join('|')})`);

/**
 * `text` with ふりがな (<ruby>) over the words of READINGS, as React elements: the text
 * itself, which may come from the municipality, is never read as markup. The reading and
 * its brackets are hidden from screen readers, which say the word right anyway and would
 * otherwise read it twice, and from accessible names (a label stays 「製造管理番号」).
 */
export function Furigana({ text }: { text: string }): ReactNode {
  const parts = text.split(WORDS);
  if (parts.length === 1) return text;
  return parts.map((part, index) => {
    const reading = index % 2 === 1 ? READINGS[part] : undefined;
    if (!reading) return <Fragment key={index}>{part}</Fragment>;
    return (
      <ruby key={index}>
        {part}
        <rp aria-hidden="true">（</rp>
        <rt aria-hidden="true">{reading}</rt>
        <rp aria-hidden="true">）</rp>
      </ruby>
    );
  });
}
