// A phone number as a clerk reads it out: grouped (frontend-shared/phone/format.ts) and
// on one line, so that 090-1234-5678 never ends a line at a hyphen (styles.css).
import { formatPhone } from '../../../frontend-shared/phone/format';

export function Phone({ number }: { number: string }) {
  return <span className="phone-number">{formatPhone(number)}</span>;
}
