// The settings form: the QR layout and, per import, the tenant's own headers. The
// server stores only the headers a tenant changed, so blank inputs are left out; its
// 422 names each faulty part (`qr_layout`, `column_mappings.<kind>.<field>`), which we
// place beside the matching input.
import type { FieldErrorBody } from '../../api/client';
import { t } from '../../i18n/t';
import { COLUMNS, DEFAULT_HEADERS, IMPORT_KINDS, isImportKind, type ImportKind, type Mappings } from './columns';
import { officeError } from './labels';

/** Per kind, every field of that kind → the text in its input ('' when the default is used). */
export type MappingForm = Record<ImportKind, Record<string, string>>;

export function formFromMappings(mappings: Mappings | null | undefined): MappingForm {
  const form = {} as MappingForm;
  for (const kind of IMPORT_KINDS) {
    form[kind] = Object.fromEntries(COLUMNS[kind].map((key) => [key, mappings?.[kind]?.[key] ?? '']));
  }
  return form;
}

/**
 * What PUT /ledger/settings takes: trimmed headers, blanks and headers equal to the
 * default left out, kinds with nothing left out.
 */
export function mappingPayload(form: MappingForm): Record<string, Record<string, string>> {
  const payload: Record<string, Record<string, string>> = {};
  for (const kind of IMPORT_KINDS) {
    const own: Record<string, string> = {};
    for (const [key, text] of Object.entries(form[kind] ?? {})) {
      const header = text.trim();
      if (header && header !== DEFAULT_HEADERS[key]) own[key] = header;
    }
    if (Object.keys(own).length > 0) payload[kind] = own;
  }
  return payload;
}

/** How many fields of `kind` the form gives a header of their own. */
export function overrideCount(form: MappingForm, kind: ImportKind): number {
  return Object.values(form[kind] ?? {}).filter((text) => text.trim() !== '').length;
}

/** The id of a header input. */
export function mappingInputId(kind: string, key: string): string {
  return `mapping-${kind}-${key}`;
}

export const QR_LAYOUT_ID = 'qr-layout';

export interface SettingsErrors {
  /** Input id → its messages. */
  byInput: Record<string, string[]>;
  /** Kinds whose table holds an error (to open it). */
  kinds: ImportKind[];
  /** Messages that belong to no input. */
  general: string[];
}

/** Sorts a refused save's errors by the input they belong to. */
export function settingsErrors(errors: readonly FieldErrorBody[]): SettingsErrors {
  const result: SettingsErrors = { byInput: {}, kinds: [], general: [] };
  const add = (id: string, text: string) => {
    const list = (result.byInput[id] ??= []);
    if (!list.includes(text)) list.push(text);
  };
  for (const error of errors) {
    // These layout errors quote the faulty field name (`foo`): say which one.
    const quoted =
      error.code === 'layout.unknown_field' || error.code === 'layout.duplicate_field'
        ? /`([^`]*)`/.exec(error.message ?? '')?.[1]
        : undefined;
    const text = quoted
      ? t('ledgerOffice.settings.quoted', { message: officeError(error.code).replace(/。$/, ''), value: quoted })
      : officeError(error.code);
    if (error.field === 'qr_layout') {
      add(QR_LAYOUT_ID, text);
      continue;
    }
    const match = /^column_mappings\.([^.]+)(?:\.(.+))?$/.exec(error.field);
    const kind = match?.[1];
    const key = match?.[2];
    if (kind && key && isImportKind(kind) && COLUMNS[kind].includes(key)) {
      add(mappingInputId(kind, key), text);
      if (!result.kinds.includes(kind)) result.kinds.push(kind);
    } else {
      result.general.push(text);
    }
  }
  return result;
}

/** Where an input is, for the error summary: `QRコードの項目の並び`, `宛名リスト: 宛名番号`. */
export function inputLabel(id: string): string {
  if (id === QR_LAYOUT_ID) return t('ledgerOffice.settings.qr');
  for (const kind of IMPORT_KINDS) {
    for (const key of COLUMNS[kind]) {
      if (mappingInputId(kind, key) === id)
        return `${t(`ledgerOffice.settings.kind.${kind}`)}: ${DEFAULT_HEADERS[key] ?? key}`;
    }
  }
  return id;
}
