// The back office's API calls, typed from the generated schema.
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type CardImportReport = components['schemas']['CardImportReport'];
export type PeopleImportReport = components['schemas']['PeopleImportReport'];
export type ReconciliationReport = components['schemas']['ReconciliationReport'];
export type PostalImportReport = components['schemas']['PostalImportReport'];
export type Person = components['schemas']['PersonView'];
export type StorageLocation = components['schemas']['StorageLocationView'];
export type LedgerSettings = components['schemas']['LedgerSettingsView'];
export type LedgerSettingsRequest = components['schemas']['LedgerSettingsRequest'];

/** The ledger's cached lists; invalidated after a change so the card screens show it at once. */
export const LEDGER_KEY = ['ledger'] as const;
export const STORAGE_KEY = ['ledger', 'storage-locations'] as const;
export const SETTINGS_KEY = ['ledger-office', 'settings'] as const;
export const POSTAL_KEY = ['ledger-office', 'postal-codes'] as const;

// A file goes as it is: the server detects UTF-8 or Shift_JIS, so nothing is decoded here.
function fileBody(bytes: Uint8Array) {
  return {
    body: bytes as unknown as string,
    bodySerializer: (body: unknown) => body as string,
    headers: { 'Content-Type': 'text/csv' },
  };
}

export type CardFileKind = 'issuance' | 'legacy';

export function importCards(kind: CardFileKind, bytes: Uint8Array, dryRun: boolean): Promise<CardImportReport> {
  const options = { params: { query: { dry_run: dryRun } }, ...fileBody(bytes) };
  return call(
    kind === 'issuance'
      ? api.POST('/api/v1/ledger/imports/issuance', options)
      : api.POST('/api/v1/ledger/imports/legacy', options),
  );
}

export function importPeople(bytes: Uint8Array, dryRun: boolean): Promise<PeopleImportReport> {
  return call(
    api.POST('/api/v1/ledger/imports/people', { params: { query: { dry_run: dryRun } }, ...fileBody(bytes) }),
  );
}

export function reconcileRenewals(bytes: Uint8Array, dryRun: boolean): Promise<ReconciliationReport> {
  return call(
    api.POST('/api/v1/ledger/imports/renewal-list', { params: { query: { dry_run: dryRun } }, ...fileBody(bytes) }),
  );
}

export function importPostalCodes(bytes: Uint8Array): Promise<PostalImportReport> {
  return call(api.POST('/api/v1/ledger/postal-codes', fileBody(bytes)));
}

/** How many entries the postal dictionary holds (0 before the first import). */
export async function fetchPostalEntries(): Promise<number> {
  return (await call(api.GET('/api/v1/ledger/postal-codes'))).entries;
}

export async function lookupPostalCode(address: string): Promise<string | null> {
  const answer = await call(api.GET('/api/v1/ledger/postal-codes/lookup', { params: { query: { address } } }));
  return answer.postal_code ?? null;
}

export function findPeople(name: string, birthDate: string): Promise<Person[]> {
  const query: { name?: string; birth_date?: string } = {};
  if (name) query.name = name;
  if (birthDate) query.birth_date = birthDate;
  return call(api.GET('/api/v1/ledger/people', { params: { query } }));
}

export function fetchStorageLocations(): Promise<StorageLocation[]> {
  return call(api.GET('/api/v1/ledger/storage-locations'));
}

export async function createStorageLocation(name: string, description: string): Promise<StorageLocation> {
  return call(
    api.POST('/api/v1/ledger/storage-locations', { body: { name, description } }),
  ) as Promise<StorageLocation>;
}

export async function deleteStorageLocation(id: string): Promise<void> {
  await call(api.DELETE('/api/v1/ledger/storage-locations/{id}', { params: { path: { id } } }));
}

export function fetchSettings(): Promise<LedgerSettings> {
  return call(api.GET('/api/v1/ledger/settings'));
}

export function saveSettings(body: LedgerSettingsRequest): Promise<LedgerSettings> {
  return call(api.PUT('/api/v1/ledger/settings', { body }));
}
