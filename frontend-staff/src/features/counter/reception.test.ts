import { describe, expect, it } from 'vitest';
import { checkReceptionNumber, displayReceptionNumber, normaliseReceptionNumber } from './reception';

describe('reception numbers as readers and clerks type them', () => {
  it('folds full-width digits and drops spaces and hyphens', () => {
    expect(normaliseReceptionNumber('１２３４５－６７８９７')).toBe('1234567897');
    expect(normaliseReceptionNumber(' 12345 67897\t')).toBe('1234567897');
    expect(normaliseReceptionNumber('12345ー67897')).toBe('1234567897');
    expect(normaliseReceptionNumber('　１２３４５　６７８９７　')).toBe('1234567897');
  });

  it('accepts ten digits with the right check digit', () => {
    expect(checkReceptionNumber('1234567897')).toEqual({ ok: true, number: '1234567897' });
    expect(checkReceptionNumber('９８７６５-４３２１７')).toEqual({ ok: true, number: '9876543217' });
  });

  it('names a mistyped digit apart from a wrong length', () => {
    expect(checkReceptionNumber('1234567898')).toEqual({ ok: false, code: 'reception_number.check_digit' });
    expect(checkReceptionNumber('1324567897')).toEqual({ ok: false, code: 'reception_number.check_digit' });
    expect(checkReceptionNumber('123456789')).toEqual({ ok: false, code: 'reception_number.invalid' });
    expect(checkReceptionNumber('12345678977')).toEqual({ ok: false, code: 'reception_number.invalid' });
    expect(checkReceptionNumber('12345A7897')).toEqual({ ok: false, code: 'reception_number.invalid' });
    expect(checkReceptionNumber('   ')).toEqual({ ok: false, code: 'empty' });
  });

  it('shows a number in two groups of five', () => {
    expect(displayReceptionNumber('1234567897')).toBe('12345 67897');
    expect(displayReceptionNumber('12')).toBe('12');
  });
});
