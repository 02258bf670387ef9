// The columns each import reads, as the server documents them (domain/ledger/import.rs):
// a field key, its default header, and whether a file can do without it. A tenant may
// name its own header for any field (the ledger settings' `column_mappings`).

export const IMPORT_KINDS = ['issuance', 'legacy', 'renewal', 'people'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Field key → header the documented default layout gives it. */
export const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  management_number: '製造管理番号',
  application_id: '申請書ID',
  shipment_number: '発送番号',
  name: '氏名',
  name_kana: '氏名カナ',
  birth_date: '生年月日',
  sex: '性別',
  postal_code: '郵便番号',
  address: '住所',
  visit_method: '交付方式',
  kind: '種別',
  signing_certificate: '署名用電子証明書',
  user_certificate: '利用者証明用電子証明書',
  card_expires_on: 'カード有効期限',
  certificate_expires_on: '電子証明書有効期限',
  status: '状態',
  inspected_on: '検品日',
  inspection_result: '検品結果',
  set_up_on: '交付前設定日',
  notice_sent_on: '交付通知書発送日',
  notice_returned_on: '交付通知書返戻日',
  handed_over_on: '交付日',
  reminder_sent_on: '交付督促発送日',
  cancelled_on: '交付取りやめ日',
  cancel_reason: '交付取りやめ理由',
  abolished_on: '廃止日',
  abolish_reason: '廃止理由',
  disposed_on: '廃棄日',
  dispose_reason: '廃棄理由',
  notes: '備考',
  handover_notes: '申し送り事項',
  storage_location: '保管場所',
  person_key: '宛名番号',
};

const CARD = [
  'management_number',
  'application_id',
  'shipment_number',
  'name',
  'name_kana',
  'birth_date',
  'sex',
  'postal_code',
  'address',
  'visit_method',
  'kind',
  'signing_certificate',
  'user_certificate',
  'card_expires_on',
  'certificate_expires_on',
] as const;

/** The fields each kind of file may carry, in the documented order. */
export const COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  issuance: CARD,
  legacy: [
    ...CARD,
    'status',
    'inspected_on',
    'inspection_result',
    'set_up_on',
    'notice_sent_on',
    'notice_returned_on',
    'handed_over_on',
    'reminder_sent_on',
    'cancelled_on',
    'cancel_reason',
    'abolished_on',
    'abolish_reason',
    'disposed_on',
    'dispose_reason',
    'notes',
    'handover_notes',
    'storage_location',
  ],
  renewal: ['management_number', 'name', 'birth_date', 'certificate_expires_on'],
  people: ['person_key', 'name', 'name_kana', 'birth_date', 'sex', 'postal_code', 'address', 'management_number'],
};

/** The fields a file of each kind cannot do without. */
export const REQUIRED: Readonly<Record<ImportKind, readonly string[]>> = {
  issuance: ['management_number'],
  legacy: ['management_number'],
  renewal: ['management_number'],
  people: ['person_key', 'name'],
};

/** Per kind, field key → the tenant's own header. */
export type Mappings = Partial<Record<string, Partial<Record<string, string>>>>;

export function isImportKind(value: string | null | undefined): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value ?? '');
}

/** The header a file of `kind` is read with for `key`: the tenant's own, else the default. */
export function headerFor(kind: ImportKind, key: string, mappings?: Mappings | null): string {
  const own = mappings?.[kind]?.[key]?.trim();
  return own || DEFAULT_HEADERS[key] || key;
}

export interface ExpectedHeader {
  key: string;
  header: string;
  defaultHeader: string;
  required: boolean;
  /** The tenant named its own header for this field. */
  custom: boolean;
}

/** What the first line of a file of `kind` may hold, required columns first. */
export function expectedHeaders(kind: ImportKind, mappings?: Mappings | null): ExpectedHeader[] {
  const rows = COLUMNS[kind].map((key) => {
    const defaultHeader = DEFAULT_HEADERS[key] ?? key;
    const header = headerFor(kind, key, mappings);
    return { key, header, defaultHeader, required: REQUIRED[kind].includes(key), custom: header !== defaultHeader };
  });
  return [...rows.filter((r) => r.required), ...rows.filter((r) => !r.required)];
}

/** A header row a clerk can copy into a spreadsheet: every column of `kind`, comma-separated. */
export function headerLine(kind: ImportKind, mappings?: Mappings | null): string {
  return COLUMNS[kind].map((key) => headerFor(kind, key, mappings)).join(',');
}
