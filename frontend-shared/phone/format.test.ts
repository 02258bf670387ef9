// Run by both SPAs' vitest (globals: this folder has no packages to import vitest from).
import { formatPhone } from './format';

describe('formatPhone', () => {
  it('groups mobile and IP phones 3-4-4', () => {
    expect(formatPhone('09012345678')).toBe('090-1234-5678');
    expect(formatPhone('08012345678')).toBe('080-1234-5678');
    expect(formatPhone('07012345678')).toBe('070-1234-5678');
    expect(formatPhone('05012345678')).toBe('050-1234-5678');
    expect(formatPhone('02012345678')).toBe('020-1234-5678');
  });

  it('gives Tokyo and Osaka their two-digit area code', () => {
    expect(formatPhone('0312345678')).toBe('03-1234-5678');
    expect(formatPhone('0612345678')).toBe('06-1234-5678');
    // The demo tenant's made-up numbers.
    expect(formatPhone('0300000001')).toBe('03-0000-0001');
  });

  it('writes free dial and navi dial as they are advertised', () => {
    expect(formatPhone('0120123456')).toBe('0120-123-456');
    expect(formatPhone('0570123456')).toBe('0570-123-456');
    expect(formatPhone('08001234567')).toBe('0800-123-4567');
  });

  it('groups other fixed lines with a three-digit area code', () => {
    expect(formatPhone('0451234567')).toBe('045-123-4567');
    expect(formatPhone('0112345678')).toBe('011-234-5678');
  });

  it('reads full-width digits, spaces and brackets as people type them', () => {
    expect(formatPhone('０９０１２３４５６７８')).toBe('090-1234-5678');
    expect(formatPhone('０３１２３４５６７８')).toBe('03-1234-5678');
    expect(formatPhone(' 090 1234 5678 ')).toBe('090-1234-5678');
    expect(formatPhone('03(1234)5678')).toBe('03-1234-5678');
  });

  it('keeps the groups of a number already written with hyphens', () => {
    expect(formatPhone('090-1234-5678')).toBe('090-1234-5678');
    expect(formatPhone('０３－１２３４－５６７８')).toBe('03-1234-5678');
    expect(formatPhone('090ー1234ー5678')).toBe('090-1234-5678');
    // A four-digit area code its writer knew: not regrouped as 012-345-6789.
    expect(formatPhone('0123-45-6789')).toBe('0123-45-6789');
  });

  it('shows what is not a Japanese number as it is', () => {
    expect(formatPhone('')).toBe('');
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('1234567890')).toBe('1234567890');
    expect(formatPhone('+81 90 1234 5678')).toBe('+81 90 1234 5678');
    expect(formatPhone('090123456')).toBe('090123456');
    expect(formatPhone('090123456789')).toBe('090123456789');
    // A mobile number with a digit missing is not mistaken for a fixed line.
    expect(formatPhone('0901234567')).toBe('0901234567');
    expect(formatPhone('0501234567')).toBe('0501234567');
    expect(formatPhone('0101234567')).toBe('0101234567');
    expect(formatPhone('03-1234')).toBe('03-1234');
    expect(formatPhone('内線 123')).toBe('内線 123');
  });
});
