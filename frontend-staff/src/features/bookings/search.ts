// The booking search: its form, kept in the page's URL (so that "back" from a booking's
// details returns to the same results), and the API query made of it.
import { isIsoDate } from '../../../../frontend-shared/dates/japan';
import { phone } from '../../../../frontend-shared/input/applicant';
import { parseDate } from '../../../../frontend-shared/input/wareki';
import { trimText } from '../../../../frontend-shared/input/width';

export const STATUSES = ['booked', 'visited', 'no_show', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export interface SearchForm {
  from: string;
  to: string;
  locationId: string;
  procedureId: string;
  statuses: Status[];
  name: string;
  receptionNumber: string;
  managementNumber: string;
  /** The booking's phone number, as typed: hyphens and full-width digits are fine. */
  phone: string;
  /** An applicant's birth date: ISO, 和暦 (昭和50年4月1日, S50.4.1). */
  birthDate: string;
}

export const EMPTY_SEARCH: SearchForm = {
  from: '',
  to: '',
  locationId: '',
  procedureId: '',
  statuses: [],
  name: '',
  receptionNumber: '',
  managementNumber: '',
  phone: '',
  birthDate: '',
};

export const PER_PAGE = 50;

// The URL's names for the form's fields (the calendar uses `location`, `view`, `date`).
const PARAM: Record<Exclude<keyof SearchForm, 'statuses'>, string> = {
  from: 'from',
  to: 'to',
  locationId: 'loc',
  procedureId: 'procedure',
  name: 'name',
  receptionNumber: 'reception',
  managementNumber: 'management',
  phone: 'phone',
  birthDate: 'birth',
};

function isStatus(text: string): text is Status {
  return (STATUSES as readonly string[]).includes(text);
}

export function searchFromParams(params: URLSearchParams): SearchForm {
  const form = { ...EMPTY_SEARCH };
  for (const [field, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][])
    form[field] = params.get(name) ?? '';
  form.statuses = (params.get('status') ?? '').split(',').filter(isStatus);
  return form;
}

export function pageFromParams(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The URL of a search: the page's other parameters (calendar) are kept. */
export function searchToParams(form: SearchForm, page: number, base: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const [field, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const value = form[field].trim();
    if (value) params.set(name, value);
    else params.delete(name);
  }
  if (form.statuses.length > 0) params.set('status', form.statuses.join(','));
  else params.delete('status');
  params.set('tab', 'search');
  params.set('searched', '1');
  if (page > 1) params.set('page', String(page));
  else params.delete('page');
  return params;
}

export interface ApiQuery {
  from?: string;
  to?: string;
  location_id?: string;
  procedure_id?: string;
  status?: string;
  name?: string;
  reception_number?: string;
  management_number?: string;
  phone?: string;
  birth_date?: string;
  page?: number;
  per_page?: number;
}

/** What the API is asked: empty fields are left out. */
export function apiQuery(form: SearchForm): ApiQuery {
  const query: ApiQuery = {};
  const given = (value: string) => value.trim() || undefined;
  const set = <K extends keyof ApiQuery>(key: K, value: ApiQuery[K] | undefined) => {
    if (value !== undefined) query[key] = value;
  };
  set('from', given(form.from));
  set('to', given(form.to));
  set('location_id', given(form.locationId));
  set('procedure_id', given(form.procedureId));
  set('status', form.statuses.length > 0 ? form.statuses.join(',') : undefined);
  set('name', given(form.name));
  set('reception_number', given(form.receptionNumber));
  set('management_number', given(form.managementNumber));
  // Sent as typed: the server reads hyphens, full width and 和暦 itself.
  set('phone', given(form.phone));
  set('birth_date', given(form.birthDate));
  return query;
}

export type Encoding = 'cp932' | 'utf-8';
/** CSV, or an Excel workbook whose text cells keep the leading zeros CSV loses in Excel. */
export type ExportFormat = 'csv' | 'xlsx';

/** The export of the same search: CSV (Shift_JIS unless UTF-8 is asked) or Excel, which has no encoding. */
export function exportPath(form: SearchForm, encoding: Encoding, format: ExportFormat = 'csv'): string {
  const params = new URLSearchParams(Object.entries(apiQuery(form)).map(([k, v]) => [k, String(v)]));
  if (format === 'xlsx') params.set('format', 'xlsx');
  else if (encoding !== 'cp932') params.set('encoding', encoding);
  const query = params.toString();
  return `/api/v1/bookings/export${query ? `?${query}` : ''}`;
}

export interface FormError {
  /** The API's field name, so that the server's errors and ours read alike. */
  field: string;
  code: string;
}

/** What can be told before asking the server: dates written wrong or reversed. */
export function validateSearch(form: SearchForm): FormError[] {
  const errors: FormError[] = [];
  const from = form.from.trim();
  const to = form.to.trim();
  if (from && !isIsoDate(from)) errors.push({ field: 'from', code: 'validation.date' });
  if (to && !isIsoDate(to)) errors.push({ field: 'to', code: 'validation.date' });
  if (isIsoDate(from) && isIsoDate(to) && to < from) errors.push({ field: 'to', code: 'validation.period_reversed' });
  const number = form.receptionNumber
    .replace(/[\s\-－ー]/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (number && !/^\d{10}$/.test(number)) errors.push({ field: 'reception_number', code: 'reception_number.invalid' });
  if (trimText(form.phone) !== '' && !phone(form.phone).ok) errors.push({ field: 'phone', code: 'phone.invalid' });
  if (trimText(form.birthDate) !== '' && !parseDate(form.birthDate))
    errors.push({ field: 'birth_date', code: 'validation.date' });
  return errors;
}

/** How many pages `total` results fill. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
