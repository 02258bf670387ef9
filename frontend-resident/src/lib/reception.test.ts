import { describe, expect, it } from 'vitest';
import { fieldMessage } from '../i18n/problems';
import { luhnDigit } from '../../../frontend-shared/input/reception';
import { checkReceptionNumber } from './reception';

// 123456789 has the Luhn check digit 7.
const VALID = '1234567897';
const message = (typed: string) => {
  const result = checkReceptionNumber(typed);
  return result.ok ? null : fieldMessage(result.fault);
};

describe('a reception number as residents type it', () => {
  it('is read with full-width digits, spaces and hyphens, as the server reads it', () => {
    expect(luhnDigit('123456789')).toBe(7);
    for (const typed of [VALID, '12345 67897', '１２３４５－６７８９７', ' 12345-67897　', '12345ー67897']) {
      expect(checkReceptionNumber(typed), typed).toEqual({ ok: true, value: VALID });
    }
  });

  it('says how many digits were typed when there are too few or too many', () => {
    expect(message('12345678')).toBe('受付番号は10桁の数字です（いま8桁）。');
    expect(message('１２３４５ ６７８９７１')).toBe('受付番号は10桁の数字です（いま11桁）。');
  });

  it('names the characters that are not digits', () => {
    expect(message('12345 6789O')).toBe('受付番号は数字だけです。数字でない文字（「O」）が入っています。');
    expect(message('１２３４５／６７８９ｌ')).toBe(
      '受付番号は数字だけです。数字でない文字（「/」「l」）が入っています。',
    );
  });

  it('catches a mistyped or swapped digit by the check digit', () => {
    expect(message('1234567891')).toBe(
      '受付番号に打ち間違いがあるようです。お知らせした受付番号と、1桁ずつ見比べてください。',
    );
    expect(checkReceptionNumber('2134567897').ok).toBe(false);
  });

  it('asks for the number when nothing was typed', () => {
    expect(message(' 　')).toBe('入力してください。');
  });
});
