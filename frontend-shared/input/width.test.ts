import { asciiUpper, foldToAscii, isWhitespace, trimText } from './width';

describe('full-width text a resident types', () => {
  it('has its digits, letters and hyphens read as ASCII', () => {
    expect(foldToAscii('ＡＢＣ１２３－４５６')).toBe('ABC123-456');
    expect(foldToAscii('ｓａｔｏ＿ｔａｒｏ')).toBe('sato_taro');
    expect(foldToAscii('！～')).toBe('!~');
  });

  it('has every hyphen look-alike an IME produces read as a hyphen, the long-vowel mark too', () => {
    expect(foldToAscii('1\u20102\u20113\u20124\u20135\u20146\u20157\u22128ー9ｰ0')).toBe('1-2-3-4-5-6-7-8-9-0');
  });

  it('keeps kanji and kana, and turns the ideographic space into a plain one', () => {
    expect(foldToAscii('髙橋　太郎')).toBe('髙橋 太郎');
    expect(foldToAscii('たかはし')).toBe('たかはし');
  });

  it('loses the spaces around it, ideographic ones included', () => {
    expect(trimText('\u3000 山田 \u3000')).toBe('山田');
    expect(trimText('\t山田 太郎\r\n')).toBe('山田 太郎');
    expect(trimText('　　')).toBe('');
  });

  it('keeps a BOM, as the server does (it is not white space in Rust)', () => {
    expect(isWhitespace('\ufeff')).toBe(false);
    expect(isWhitespace('\u0085')).toBe(true);
    expect(trimText('\ufeff山田')).toBe('\ufeff山田');
  });

  it('upper-cases only ASCII letters', () => {
    expect(asciiUpper('a1bß')).toBe('A1Bß');
  });
});
