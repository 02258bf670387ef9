import { describe, expect, it } from 'vitest';
import { formatSeireki, formatShortSeireki, formatWareki } from './wareki';

describe('和暦', () => {
  it('writes a birth date in its era', () => {
    expect(formatWareki('1975-04-01')).toBe('昭和50年4月1日');
    expect(formatWareki('2001-03-15')).toBe('平成13年3月15日');
    expect(formatWareki('2020-12-31')).toBe('令和2年12月31日');
    expect(formatWareki('1920-01-01')).toBe('大正9年1月1日');
  });

  it('calls the first year of an era 元年, from the era’s first day', () => {
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('1926-12-25')).toBe('昭和元年12月25日');
  });

  it('leaves what is not a date alone', () => {
    expect(formatWareki('1975-02-30')).toBe('1975-02-30');
    expect(formatWareki('1850-01-01')).toBe('1850年1月1日');
  });

  it('writes the 西暦 beside it', () => {
    expect(formatSeireki('1975-04-01')).toBe('1975/04/01');
    expect(formatShortSeireki('2026-11-05')).toBe('2026/11/5');
    expect(formatShortSeireki(null)).toBe('—');
  });
});
