// The card search, kept in the page's URL (so that Back from a card returns to the same
// results), and what the API is asked for it: the search, the bulk step and the export
// all take the same filter.

export const FILTER_KEYS = [
  'management_number',
  'application_id',
  'birth_date',
  'name',
  'status',
  'kind',
  'visit_method',
  'storage_location',
  'date_field',
  'date_from',
  'date_to',
  'renewal_check',
] as const;

/** The dates a period can be searched on (the API's `date_field`). */
export const DATE_FIELDS = [
  'inspected_on',
  'notice_sent_on',
  'handed_over_on',
  'card_expires_on',
  'certificate_expires_on',
] as const;
export const RENEWAL_CHECKS = ['matched', 'conflict', 'not_on_list'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The form as typed: every field a string, empty when not used. */
export type CardFilter = Record<FilterKey, string>;

/** The filter the API takes: given fields only, trimmed. */
export type ApiFilter = Partial<Record<FilterKey, string>>;

export const EMPTY_FILTER: CardFilter = Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as CardFilter;

export const PER_PAGE = 50;

// The URL's names are the API's: a URL a clerk pastes into a message reads the same as the request.
export function filterFromParams(params: URLSearchParams): CardFilter {
  const filter = { ...EMPTY_FILTER };
  for (const key of FILTER_KEYS) filter[key] = params.get(key) ?? '';
  return filter;
}

export function pageFromParams(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The URL of a search; page 1 is left out so that the first page has one address. */
export function filterToParams(filter: CardFilter, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(apiFilter(filter))) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  return params;
}

export function apiFilter(filter: CardFilter): ApiFilter {
  const given: ApiFilter = {};
  for (const key of FILTER_KEYS) {
    const value = filter[key].trim();
    if (value) given[key] = value;
  }
  return given;
}

export function hasFilter(filter: CardFilter): boolean {
  return Object.keys(apiFilter(filter)).length > 0;
}

/** How many pages `total` results fill. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export type Encoding = 'cp932' | 'utf-8';
/** CSV, or an Excel workbook whose text cells keep leading zeros (a CSV opened in Excel loses them). */
export type ExportFormat = 'csv' | 'xlsx';

/** Columns a CSV may hold, in the ledger's order (the card's field names). */
export const CSV_COLUMNS = [
  'management_number',
  'application_id',
  'shipment_number',
  'name',
  'name_kana',
  'birth_date',
  'sex',
  'postal_code',
  'address',
  'kind',
  'visit_method',
  'signing_certificate',
  'user_certificate',
  'card_expires_on',
  'certificate_expires_on',
  'status',
  'inspection_result',
  'inspected_on',
  'set_up_on',
  'notice_sent_on',
  'notice_returned_on',
  'handed_over_on',
  'reminder_sent_on',
  'cancelled_on',
  'cancel_reason',
  'reissue_processed_on',
  'reissuable',
  'reissue_reason',
  'abolished_on',
  'abolish_reason',
  'disposed_on',
  'dispose_reason',
  'storage_location',
  'notes',
  'handover_notes',
  'renewal_check',
  'registered_at',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** What a clerk usually hands on: who, which card, where it is in its life. */
export const DEFAULT_CSV_COLUMNS: readonly CsvColumn[] = [
  'management_number',
  'name',
  'name_kana',
  'birth_date',
  'kind',
  'visit_method',
  'status',
  'inspected_on',
  'notice_sent_on',
  'handed_over_on',
  'storage_location',
];

/** The export of the same search, with the chosen columns in the ledger's order; a workbook has no encoding. */
export function exportPath(
  filter: CardFilter,
  columns: readonly string[],
  encoding: Encoding,
  format: ExportFormat = 'csv',
): string {
  const params = new URLSearchParams(Object.entries(apiFilter(filter)));
  const chosen = CSV_COLUMNS.filter((column) => columns.includes(column));
  params.set('columns', chosen.join(','));
  if (format === 'xlsx') params.set('format', 'xlsx');
  else params.set('encoding', encoding);
  return `/api/v1/ledger/cards/export?${params.toString()}`;
}
