// 申込者情報の訂正: who a booking is for, as the clerk corrects it (a name misheard on
// the phone, a wrong digit of the phone number). The form starts from the booking; only
// what differs from it is sent, read as the server reads it (spaces collapsed, hiragana
// as katakana, the phone as digits), so that retyping a value as it was is no change.
// Field names are the API's (`applicants.0.name_kana`): its errors and ours land alike.
import { email, name, nameKana, phone, type FieldResult } from '../../../../frontend-shared/input/applicant';
import { trimText } from '../../../../frontend-shared/input/width';
import { formatPhone } from '../../../../frontend-shared/phone/format';
import type { components } from '../../api/schema';
import { MAX_NOTES, type FormErrors } from './bookingForm';
import type { StaffBooking } from './api';

type StaffChangeRequest = components['schemas']['StaffChangeRequest'];
type ApplicantCorrection = components['schemas']['ApplicantCorrection'];

export interface CorrectionDraft {
  applicants: { name: string; name_kana: string }[];
  phone: string;
  email: string;
  reason: string;
}

/** The key of a fault that belongs to no field: nothing to correct. */
export const NOTHING = 'form';

/** The form as the booking is: the phone grouped as it is read out. */
export function correctionDraft(booking: StaffBooking): CorrectionDraft {
  return {
    applicants: booking.applicants.map((a) => ({ name: a.name ?? '', name_kana: a.name_kana ?? '' })),
    phone: booking.phone ? formatPhone(booking.phone) : '',
    email: booking.email ?? '',
    reason: '',
  };
}

type Check = (text: string) => FieldResult;

interface Reading {
  /** The value the server would store, when it differs from the booking's. */
  changed?: string;
  /** Why it cannot be sent. */
  fault?: string;
}

/**
 * One field read against what the booking holds: unchanged, changed to a value, or
 * faulty. Emptying a field that had a value is a fault: a correction clears nothing.
 */
function read(text: string, before: string | null | undefined, check: Check): Reading {
  if (trimText(text) === '') return before ? { fault: 'correct.cannot_clear' } : {};
  const result = check(text);
  if (!result.ok) return { fault: result.code };
  return result.value === (before ?? '') ? {} : { changed: result.value };
}

function readAll(draft: CorrectionDraft, booking: StaffBooking) {
  return {
    applicants: draft.applicants.map((a, i) => ({
      name: read(a.name, booking.applicants[i]?.name, name),
      name_kana: read(a.name_kana, booking.applicants[i]?.name_kana, nameKana),
    })),
    phone: read(draft.phone, booking.phone, phone),
    email: read(draft.email, booking.email, email),
  };
}

/** The fields whose value differs from the booking's, by API name. */
export function changedFields(draft: CorrectionDraft, booking: StaffBooking): string[] {
  const all = readAll(draft, booking);
  const fields: string[] = [];
  all.applicants.forEach((a, i) => {
    if (a.name.changed !== undefined) fields.push(`applicants.${i}.name`);
    if (a.name_kana.changed !== undefined) fields.push(`applicants.${i}.name_kana`);
  });
  if (all.phone.changed !== undefined) fields.push('phone');
  if (all.email.changed !== undefined) fields.push('email');
  return fields;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what the API refuses here
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Every fault of the form, in the order of the screen; empty when it can be sent. */
export function checkCorrection(draft: CorrectionDraft, booking: StaffBooking): FormErrors {
  const errors: FormErrors = {};
  const all = readAll(draft, booking);
  all.applicants.forEach((a, i) => {
    if (a.name.fault) errors[`applicants.${i}.name`] = a.name.fault;
    if (a.name_kana.fault) errors[`applicants.${i}.name_kana`] = a.name_kana.fault;
  });
  if (all.phone.fault) errors.phone = all.phone.fault;
  if (all.email.fault) errors.email = all.email.fault;
  const reason = trimText(draft.reason);
  // The history says why the booking's person changed: a correction without a reason is not accepted.
  if (reason === '') errors.reason = 'correct.reason';
  else if ([...reason].length > MAX_NOTES) errors.reason = 'validation.too_long';
  else if (CONTROL.test(reason)) errors.reason = 'validation.control_character';
  if (Object.keys(errors).length === 0 && changedFields(draft, booking).length === 0)
    errors[NOTHING] = 'correct.nothing';
  return errors;
}

/**
 * The PATCH body of a checked form: only the changed fields; applicants up to the last
 * one corrected, those before it as `{}` (absent fields keep what was booked).
 */
export function correctionRequest(draft: CorrectionDraft, booking: StaffBooking): StaffChangeRequest {
  const all = readAll(draft, booking);
  const applicants: ApplicantCorrection[] = all.applicants.map((a) => ({
    ...(a.name.changed !== undefined ? { name: a.name.changed } : {}),
    ...(a.name_kana.changed !== undefined ? { name_kana: a.name_kana.changed } : {}),
  }));
  while (applicants.length > 0 && Object.keys(applicants[applicants.length - 1] ?? {}).length === 0) applicants.pop();
  return {
    version: booking.version,
    reason: trimText(draft.reason),
    ...(applicants.length > 0 ? { applicants } : {}),
    ...(all.phone.changed !== undefined ? { phone: all.phone.changed } : {}),
    ...(all.email.changed !== undefined ? { email: all.email.changed } : {}),
  };
}

/** The fields of this form the server may name; anything else is said above the form. */
export function isCorrectionField(field: string): boolean {
  return /^(phone|email|reason|applicants\.\d+\.(name|name_kana))$/.test(field);
}
