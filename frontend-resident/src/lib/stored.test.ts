import { describe, expect, it } from 'vitest';
import { shownPhone, storedText } from './stored';

const today = '2026-11-23';

describe('the confirmation shows each field as it will be stored', () => {
  it('writes the reading in full-width katakana, from hiragana or half-width kana', () => {
    expect(storedText('name_kana', 'やまだ たろう', today)).toBe('ヤマダ タロウ');
    expect(storedText('name_kana', 'ﾔﾏﾀﾞ　ﾊﾅｺ', today)).toBe('ヤマダ ハナコ');
    expect(storedText('name_kana', 'ｶﾞｯｺｳ ﾎﾟﾝﾌﾟ', today)).toBe('ガッコウ ポンプ');
  });

  it('writes the management number in half-width capitals without the printed hyphen', () => {
    expect(storedText('management_number', 'ａ１ｂ－２３４５６７', today)).toBe('A1B234567');
    expect(storedText('management_number', ' d9e 876543 ', today)).toBe('D9E876543');
  });

  it('collapses the spaces of a name and keeps its old characters', () => {
    expect(storedText('name', '　髙橋　　﨑子 ', today)).toBe('髙橋 﨑子');
  });

  it('folds a full-width mail address and lower-cases its domain only', () => {
    expect(storedText('email', 'Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＪＰ', today)).toBe('Taro@example.jp');
  });

  it('reads the birth date back in both calendars', () => {
    expect(storedText('birth_date', '昭和５０年４月１日', today)).toBe('昭和50年4月1日（1975/04/01）');
  });

  it('leaves empty and invalid input to the caller', () => {
    expect(storedText('name', '  ', today)).toBeNull();
    expect(storedText('management_number', 'A1B23', today)).toBeNull();
    expect(storedText('phone', '12', today)).toBeNull();
  });
});

describe('a phone number on the confirmation', () => {
  it('groups mobile and IP phones 3-4-4 in half-width digits', () => {
    expect(shownPhone('09012345678')).toBe('090-1234-5678');
    expect(shownPhone('０８０１２３４５６７８')).toBe('080-1234-5678');
    expect(shownPhone('070 1234 5678')).toBe('070-1234-5678');
    expect(shownPhone('050-1234-5678')).toBe('050-1234-5678');
  });

  it('groups free dial 4-3-3 and Tokyo and Osaka 2-4-4, whatever groups were typed', () => {
    expect(shownPhone('0120123456')).toBe('0120-123-456');
    expect(shownPhone('0312345678')).toBe('03-1234-5678');
    expect(shownPhone('(06) 1234 5678')).toBe('06-1234-5678');
    expect(shownPhone('031-234-5678')).toBe('03-1234-5678');
  });

  it('keeps the hyphens the resident typed for other area codes, rather than guessing them', () => {
    expect(shownPhone('0466-12-3456')).toBe('0466-12-3456');
    expect(shownPhone('０４５－１２３－４５６７')).toBe('045-123-4567');
    expect(shownPhone('0466(12)3456')).toBe('0466-12-3456');
    expect(shownPhone('0466123456')).toBe('0466123456');
  });

  it('shows nothing for what the server would refuse', () => {
    expect(shownPhone('1234-5678')).toBeNull();
    expect(shownPhone('')).toBeNull();
  });
});
