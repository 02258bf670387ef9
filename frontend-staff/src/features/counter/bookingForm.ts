// The call-center booking form: what a clerk typed, checked as the server would,
// and the request it becomes. Field names are the API's (`applicants.0.birth_date`),
// so the server's errors and ours land beside the same inputs.
import {
  address,
  birthDate,
  email,
  managementNumber,
  name,
  nameKana,
  phone,
  type FieldResult,
} from '../../../../frontend-shared/input/applicant';
import { trimText } from '../../../../frontend-shared/input/width';
import type { FieldRules, StaffBookingRequest } from './api';

export const MAX_NOTES = 1000;

export type PersonField = 'management_number' | 'name' | 'name_kana' | 'birth_date' | 'address';
export const PERSON_FIELDS: readonly PersonField[] = [
  'management_number',
  'name',
  'name_kana',
  'birth_date',
  'address',
];

export type ApplicantDraft = Record<PersonField, string>;
export const emptyApplicant = (): ApplicantDraft => ({
  management_number: '',
  name: '',
  name_kana: '',
  birth_date: '',
  address: '',
});

export interface BookingDraft {
  procedureId: string;
  locationId: string;
  /** The chosen slot's start as the calendar answered it, or ''. */
  start: string;
  applicants: ApplicantDraft[];
  phone: string;
  email: string;
  notes: string;
  withoutLetter: boolean;
  /** Administrators only, ticked. */
  beyondCapacity: boolean;
  /** The chosen slot has fewer places left than the party needs. */
  slotShort: boolean;
}

/** Field → error code; keys are the API's field paths. */
export type FormErrors = Record<string, string>;

/** The rules that apply: without a 交付通知書, a required management number becomes optional. */
export function effectiveRules(rules: FieldRules, withoutLetter: boolean): FieldRules {
  return withoutLetter && rules.management_number === 'required' ? { ...rules, management_number: 'optional' } : rules;
}

const CHECKS: Record<PersonField | 'phone' | 'email', (text: string, today: string) => FieldResult> = {
  management_number: managementNumber,
  name,
  name_kana: nameKana,
  birth_date: (text, today) => birthDate(text, today),
  address,
  phone,
  email,
};

function check(
  errors: FormErrors,
  path: string,
  field: keyof typeof CHECKS,
  requirement: FieldRules[keyof FieldRules],
  text: string,
  today: string,
) {
  const value = trimText(text);
  if (requirement === 'hidden' || (requirement === 'optional' && value === '')) return;
  const result = CHECKS[field](value, today);
  if (!result.ok) errors[path] = result.code;
}

/** Every fault of the form, in the order of the screen; empty when it can be sent. */
export function checkBookingForm(draft: BookingDraft, rules: FieldRules | null, today: string): FormErrors {
  const errors: FormErrors = {};
  if (!draft.procedureId) errors.procedure_id = 'form.procedure';
  if (!draft.locationId) errors.location_id = 'form.location';
  if (!draft.start) errors.start = 'form.slot';
  else if (draft.slotShort && !draft.beyondCapacity) errors.start = 'form.beyond';
  if (rules) {
    const effective = effectiveRules(rules, draft.withoutLetter);
    draft.applicants.forEach((applicant, index) => {
      for (const field of PERSON_FIELDS)
        check(errors, `applicants.${index}.${field}`, field, effective[field], applicant[field], today);
    });
    check(errors, 'phone', 'phone', effective.phone, draft.phone, today);
    check(errors, 'email', 'email', effective.email, draft.email, today);
  }
  const notes = trimText(draft.notes);
  if ([...notes].length > MAX_NOTES) errors.notes = 'validation.too_long';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the API refuses here
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(notes)) errors.notes = 'validation.control_character';
  return errors;
}

/** What is sent: hidden fields left out, empty ones as null. */
export function bookingRequest(draft: BookingDraft, rules: FieldRules): StaffBookingRequest {
  const value = (requirement: FieldRules[keyof FieldRules], text: string) =>
    requirement === 'hidden' || trimText(text) === '' ? null : trimText(text);
  return {
    procedure_id: draft.procedureId,
    location_id: draft.locationId,
    start: draft.start,
    applicants: draft.applicants.map((a) => ({
      management_number: value(rules.management_number, a.management_number),
      name: value(rules.name, a.name),
      name_kana: value(rules.name_kana, a.name_kana),
      birth_date: value(rules.birth_date, a.birth_date),
      address: value(rules.address, a.address),
    })),
    phone: value(rules.phone, draft.phone),
    email: value(rules.email, draft.email),
    notes: trimText(draft.notes) === '' ? null : draft.notes.trim(),
    without_letter: draft.withoutLetter,
    beyond_capacity: draft.beyondCapacity && draft.slotShort,
  };
}

/** Keeps what was typed for the first people when the party grows or shrinks. */
export function resizeParty(applicants: ApplicantDraft[], size: number): ApplicantDraft[] {
  return Array.from({ length: size }, (_, i) => applicants[i] ?? emptyApplicant());
}

/** The input id of an API field path, for links from the error summary. */
export function fieldId(path: string): string {
  return `counter-${path.replace(/\./g, '-')}`;
}
