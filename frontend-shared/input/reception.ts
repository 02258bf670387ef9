// The reception number's check digit as crates/domain/src/reception.rs computes it, so
// both SPAs refuse the numbers the server would refuse.

/** The Luhn check digit of the first nine digits. */
export function luhnDigit(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    let digit = Number(body[i]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}
