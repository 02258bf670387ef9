// Form checks that run before anything is sent, and the API's field errors in words.
// The server checks everything again; the messages here match what it would say.
import type { components } from '../../api/schema';
import type { FieldErrorBody } from '../../api/client';
import { t } from '../../i18n/t';
import { foldToAscii, trimText } from '../../../../frontend-shared/input/width';
import { fromJapanLocalInput } from './time';

type SettingsPatch = components['schemas']['SettingsPatch'];

/** Error messages by field name, in Japanese. */
export type FieldMessages = Partial<Record<string, string>>;

export const hasErrors = (messages: FieldMessages) => Object.values(messages).some(Boolean);

// ---------------------------------------------------------------- settings

export interface SettingsForm {
  service_name: string;
  session_timeout_minutes: string;
  idle_timeout_minutes: string;
  lockout_threshold: string;
  /** How long the first lock lasts; each lock-out in a row doubles it, at most a day. */
  lockout_minutes: string;
  password_min_length: string;
  password_min_classes: string;
  /** The help line residents see on every page and in every mail. */
  contact_phone: string;
  contact_hours: string;
}

export type NumericSetting = Exclude<keyof SettingsForm, 'service_name' | 'contact_phone' | 'contact_hours'>;

/** The ranges the API accepts (crates/domain/src/settings.rs). */
export const RANGES: Record<NumericSetting, readonly [number, number]> = {
  session_timeout_minutes: [5, 1440],
  idle_timeout_minutes: [1, 480],
  lockout_threshold: [1, 20],
  lockout_minutes: [1, 1440],
  password_min_length: [8, 64],
  password_min_classes: [1, 4],
};

export const SERVICE_NAME_MAX = 100;
export const CONTACT_HOURS_MAX = 100;
export const CLOSED_MESSAGE_MAX = 2000;

/** A whole number typed with half- or full-width digits, or undefined. */
export function parseWhole(text: string): number | undefined {
  const ascii = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d{1,6}$/.test(ascii) ? Number(ascii) : undefined;
}

/**
 * The contact phone as the server stores it (crates/domain/src/settings.rs, contact_phone):
 * full-width digits and hyphens folded, spaces made hyphens, the municipality's grouping
 * kept. Undefined when it is not 10 or 11 digits starting with 0; empty clears it.
 */
export function contactPhone(text: string): string | undefined {
  const folded = foldToAscii(trimText(text)).replaceAll(' ', '-');
  if (folded === '') return '';
  const digits = folded.replace(/\D/g, '').length;
  return /^0[\d-]*$/.test(folded) && digits >= 10 && digits <= 11 ? folded : undefined;
}

export function validateSettings(form: SettingsForm): FieldMessages {
  const errors: FieldMessages = {};
  const name = form.service_name.trim();
  if (name === '') errors.service_name = t('siteSettings.error.required');
  else if ([...name].length > SERVICE_NAME_MAX)
    errors.service_name = t('siteSettings.error.tooLong', { max: SERVICE_NAME_MAX });
  for (const field of Object.keys(RANGES) as NumericSetting[]) {
    const [min, max] = RANGES[field];
    const text = form[field].trim();
    const value = parseWhole(text);
    if (text === '') errors[field] = t('siteSettings.error.required');
    else if (value === undefined) errors[field] = t('siteSettings.error.integer');
    else if (value < min || value > max) errors[field] = t('siteSettings.error.range', { min, max });
  }
  const idle = parseWhole(form.idle_timeout_minutes);
  const session = parseWhole(form.session_timeout_minutes);
  if (
    !errors.idle_timeout_minutes &&
    !errors.session_timeout_minutes &&
    idle !== undefined &&
    session !== undefined &&
    idle > session
  ) {
    errors.idle_timeout_minutes = t('siteSettings.error.idleLonger');
  }
  if (contactPhone(form.contact_phone) === undefined) errors.contact_phone = t('siteSettings.error.phone');
  const hours = trimText(form.contact_hours);
  if ([...hours].length > CONTACT_HOURS_MAX)
    errors.contact_hours = t('siteSettings.error.tooLong', { max: CONTACT_HOURS_MAX });
  else if (CONTROL.test(hours)) errors.contact_hours = t('siteSettings.error.controlCharacter');
  return errors;
}

/** The PATCH body for a checked form. */
export function settingsPatch(form: SettingsForm, version: number): SettingsPatch {
  const num = (field: NumericSetting) => parseWhole(form[field]) ?? 0;
  return {
    service_name: form.service_name.trim(),
    session_timeout_minutes: num('session_timeout_minutes'),
    idle_timeout_minutes: num('idle_timeout_minutes'),
    lockout_threshold: num('lockout_threshold'),
    lockout_minutes: num('lockout_minutes'),
    password_min_length: num('password_min_length'),
    password_min_classes: num('password_min_classes'),
    contact_phone: contactPhone(form.contact_phone) ?? form.contact_phone.trim(),
    contact_hours: trimText(form.contact_hours),
    version,
  };
}

// ---------------------------------------------------------------- logo

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const LOGO_MAX_BYTES = 512 * 1024;

/** The message for a logo file the API would refuse, or undefined when it looks right. */
export function checkLogoFile(file: { type: string; size: number } | null | undefined): string | undefined {
  if (!file) return t('siteSettings.logo.chooseFile');
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return t('siteSettings.logo.unsupportedType');
  if (file.size === 0) return t('siteSettings.logo.empty');
  if (file.size > LOGO_MAX_BYTES) return t('siteSettings.logo.tooLarge', { size: Math.ceil(file.size / 1024) });
  return undefined;
}

// ---------------------------------------------------------------- notices

export interface NoticeForm {
  title: string;
  body: string;
  /** datetime-local values, Japan time. */
  publish_from: string;
  publish_until: string;
}

export const NOTICE_TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 5000;

// Control characters the API refuses; the body may hold line breaks and tabs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function validateNotice(form: NoticeForm): FieldMessages {
  const errors: FieldMessages = {};
  const title = form.title.trim();
  if (title === '') errors.title = t('siteSettings.error.required');
  else if ([...title].length > NOTICE_TITLE_MAX)
    errors.title = t('siteSettings.error.tooLong', { max: NOTICE_TITLE_MAX });
  else if (CONTROL.test(title)) errors.title = t('siteSettings.error.controlCharacter');
  const body = form.body.replace(/\r\n/g, '\n').trim();
  if ([...body].length > NOTICE_BODY_MAX) errors.body = t('siteSettings.error.tooLong', { max: NOTICE_BODY_MAX });
  else if (CONTROL_BUT_LINES.test(body)) errors.body = t('siteSettings.error.controlCharacter');
  const from = fromJapanLocalInput(form.publish_from);
  const until = fromJapanLocalInput(form.publish_until);
  if (from === undefined) errors.publish_from = t('siteSettings.error.dateTime');
  if (until === undefined) errors.publish_until = t('siteSettings.error.dateTime');
  else if (from && until && Date.parse(until) <= Date.parse(from))
    errors.publish_until = t('siteSettings.error.periodReversed');
  return errors;
}

/** The text and period as the API takes them (a checked form). */
export function noticeBody(form: NoticeForm) {
  return {
    title: form.title.trim(),
    body: form.body.replace(/\r\n/g, '\n'),
    publish_from: fromJapanLocalInput(form.publish_from) ?? null,
    publish_until: fromJapanLocalInput(form.publish_until) ?? null,
  };
}

// ---------------------------------------------------------------- mail templates

export interface TemplateForm {
  subject: string;
  body: string;
}

/** The `{name}`s written in a text, as the API reads them. */
export function placeholdersIn(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{');
    if (open < 0) break;
    const after = rest.slice(open + 1);
    const close = after.indexOf('}');
    if (close < 0) break;
    found.push(after.slice(0, close));
    rest = after.slice(close + 1);
  }
  return found;
}

/** The kinds of mail that carry the booking's password: it is their point. */
const WITH_PASSWORD = ['confirmation', 'password_reissued'];

/** The placeholders a kind of mail must contain (crates/mail/src/templates.rs). */
export function requiredPlaceholders(kind: string): string[] {
  return WITH_PASSWORD.includes(kind) ? ['reception_number', 'password'] : ['reception_number'];
}

export function validateTemplate(kind: string, form: TemplateForm, known: readonly string[]): FieldMessages {
  const errors: FieldMessages = {};
  const limits = { subject: 200, body: 10_000 } as const;
  for (const field of ['subject', 'body'] as const) {
    const text = form[field];
    if (text.trim() === '') {
      errors[field] = t('siteSettings.error.required');
      continue;
    }
    if ([...text].length > limits[field]) errors[field] = t('siteSettings.error.tooLong', { max: limits[field] });
    else if (field === 'subject' && /[\r\n]/.test(text)) errors[field] = t('siteSettings.error.subjectLineBreak');
    else if (field === 'subject' ? CONTROL.test(text) : CONTROL_BUT_LINES.test(text))
      errors[field] = t('siteSettings.error.controlCharacter');
    const unknown = placeholdersIn(text).find((name) => !known.includes(name));
    if (!errors[field] && unknown !== undefined)
      errors[field] = t('siteSettings.error.unknownPlaceholder', { placeholder: `{${unknown}}` });
    if (!errors[field] && field === 'subject' && placeholdersIn(text).includes('password'))
      errors[field] = t('siteSettings.error.passwordInSubject', { password: '{password}' });
  }
  if (!errors.body) {
    const all = placeholdersIn(form.subject + form.body);
    const missing = requiredPlaceholders(kind).find((name) => !all.includes(name));
    if (missing) errors.body = t('siteSettings.error.missingPlaceholder', { placeholder: `{${missing}}` });
  }
  return errors;
}

export function validateEmail(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return t('siteSettings.error.required');
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)) return t('siteSettings.error.email');
  return undefined;
}

// ---------------------------------------------------------------- API errors

/** The `{name}` an API message names, e.g. "{foo} is not a placeholder" → "{foo}". */
function namedPlaceholder(message: string): string {
  return /\{[^{}]*\}/.exec(message)?.[0] ?? '';
}

/** One field error from the API, in Japanese, with the range or placeholder it names. */
export function apiFieldMessage(error: FieldErrorBody): string {
  switch (error.code) {
    case 'validation.required':
      return t('siteSettings.error.required');
    case 'validation.out_of_range': {
      const range = RANGES[error.field as NumericSetting] as readonly [number, number] | undefined;
      return range ? t('siteSettings.error.range', { min: range[0], max: range[1] }) : t('siteSettings.error.invalid');
    }
    case 'validation.invalid_type':
      return t('siteSettings.error.integer');
    case 'validation.too_long': {
      const max = /(\d[\d,]*)/.exec(error.message)?.[1]?.replace(/,/g, '');
      return max ? t('siteSettings.error.tooLong', { max }) : t('siteSettings.error.tooLongAny');
    }
    case 'validation.control_character':
      return t('siteSettings.error.controlCharacter');
    case 'validation.period_reversed':
      return t('siteSettings.error.periodReversed');
    case 'settings.idle_longer_than_session':
      return t('siteSettings.error.idleLonger');
    case 'template.unknown_placeholder':
      return t('siteSettings.error.unknownPlaceholder', { placeholder: namedPlaceholder(error.message) });
    case 'template.missing_placeholder':
      return t('siteSettings.error.missingPlaceholder', { placeholder: namedPlaceholder(error.message) });
    case 'template.password_in_subject':
      return t('siteSettings.error.passwordInSubject', { password: '{password}' });
    case 'email.invalid':
      return t('siteSettings.error.email');
    case 'phone.invalid':
      return t('siteSettings.error.phone');
    case 'logo.unsupported_type':
      return t('siteSettings.logo.unsupportedType');
    case 'logo.too_large':
      return t('siteSettings.logo.tooLargeServer');
    case 'logo.empty':
      return t('siteSettings.logo.empty');
    case 'logo.type_mismatch':
      return t('siteSettings.logo.typeMismatch');
    default:
      return t('siteSettings.error.invalid');
  }
}

/** The API's field errors by field, the first of each. */
export function apiFieldMessages(errors: readonly FieldErrorBody[]): FieldMessages {
  const out: FieldMessages = {};
  for (const error of errors) out[error.field] ??= apiFieldMessage(error);
  return out;
}
