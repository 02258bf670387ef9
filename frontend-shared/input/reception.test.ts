import { luhnDigit } from './reception';

describe('the reception number check digit', () => {
  it('is the Luhn digit the server gives its numbers', () => {
    // 1234567897 is the sample number the server's mail previews use.
    expect(luhnDigit('123456789')).toBe(7);
    expect(luhnDigit('000000000')).toBe(0);
  });

  it('changes when one digit is mistyped', () => {
    expect(luhnDigit('123456788')).not.toBe(luhnDigit('123456789'));
  });
});
