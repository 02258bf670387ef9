// The back office's reads and writes: reads keyed by method, path and params ($api);
// each write invalidates (or, with the server's answer, sets) what it changes. A file
// goes as it is: the server detects UTF-8 or Shift_JIS, so nothing is decoded here.
import { useQueryClient } from '@tanstack/react-query';
import { $api, getKey, useInvalidate } from '../../api/query';
import type { components } from '../../api/schema';

export type CardImportReport = components['schemas']['CardImportReport'];
export type PeopleImportReport = components['schemas']['PeopleImportReport'];
export type ReconciliationReport = components['schemas']['ReconciliationReport'];
export type PostalImportReport = components['schemas']['PostalImportReport'];
export type Person = components['schemas']['PersonView'];
export type StorageLocation = components['schemas']['StorageLocationView'];
export type LedgerSettings = components['schemas']['LedgerSettingsView'];
export type LedgerSettingsRequest = components['schemas']['LedgerSettingsRequest'];

/** The ledger's cards, as the card screens list and show them: an import changes them. */
const CARDS = [getKey('/api/v1/ledger/cards'), getKey('/api/v1/ledger/cards/{id}')];
const PEOPLE = getKey('/api/v1/ledger/people');
const STORAGE = getKey('/api/v1/ledger/storage-locations');
const SETTINGS = getKey('/api/v1/ledger/settings');
const POSTAL = getKey('/api/v1/ledger/postal-codes');

function fileBody(bytes: Uint8Array) {
  return {
    body: bytes as unknown as string,
    bodySerializer: (body: unknown) => body as string,
    headers: { 'Content-Type': 'text/csv' },
  };
}

const dryRunOf = (init: { params?: { query?: { dry_run?: boolean | null } } }) => init.params?.query?.dry_run === true;

/** The QR layout and the tenant's own headers (the imports show the headers a file needs). */
export function useLedgerSettings() {
  return $api.useQuery('get', '/api/v1/ledger/settings');
}

/** Saves the settings; the answer becomes the cached settings. */
export function useSaveLedgerSettings() {
  const queryClient = useQueryClient();
  return $api.useMutation('put', '/api/v1/ledger/settings', {
    onSuccess: (answer) => queryClient.setQueryData(SETTINGS, answer),
  });
}

/** Asked again whenever the list opens: a box filled on another laptop shows its count at once. */
export function useStorageLocations() {
  return $api.useQuery('get', '/api/v1/ledger/storage-locations', undefined, { staleTime: 0 });
}

export function useCreateStorageLocation() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/ledger/storage-locations', { onSuccess: () => invalidate(STORAGE) });
}

/** Refused (409) when a card was filed there since the list was read: the list is read again either way. */
export function useDeleteStorageLocation() {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/ledger/storage-locations/{id}', {
    onSettled: () => invalidate(STORAGE),
  });
}

/** The postal dictionary's size, asked again after each import. */
export function usePostalEntries() {
  return $api.useQuery('get', '/api/v1/ledger/postal-codes', undefined, { select: (answer) => answer.entries });
}

/** Replaces the postal dictionary (no dry run: all or nothing). */
export function useImportPostalCodes() {
  const invalidate = useInvalidate();
  const mutation = $api.useMutation('post', '/api/v1/ledger/postal-codes', { onSuccess: () => invalidate(POSTAL) });
  return (bytes: Uint8Array) => mutation.mutateAsync(fileBody(bytes));
}

/** Looks an address up in the postal dictionary, when the clerk asks. */
export function useLookupPostalCode() {
  const queryClient = useQueryClient();
  return async (address: string): Promise<string | null> => {
    const answer = await queryClient.fetchQuery({
      ...$api.queryOptions('get', '/api/v1/ledger/postal-codes/lookup', { params: { query: { address } } }),
      staleTime: 0,
    });
    return answer.postal_code ?? null;
  };
}

/** Finds people by name and/or birth date, when the clerk asks. */
export function useFindPeople() {
  const queryClient = useQueryClient();
  return (name: string, birthDate: string): Promise<Person[]> => {
    const query: { name?: string; birth_date?: string } = {};
    if (name) query.name = name;
    if (birthDate) query.birth_date = birthDate;
    return queryClient.fetchQuery({
      ...$api.queryOptions('get', '/api/v1/ledger/people', { params: { query } }),
      staleTime: 0,
    });
  };
}

export type CardFileKind = 'issuance' | 'legacy';

/** Checks (dry run) or applies a card file; applied, the cards change. */
export function useImportCards() {
  const invalidate = useInvalidate();
  const onSuccess = (_: unknown, init: { params?: { query?: { dry_run?: boolean | null } } }) =>
    dryRunOf(init) ? undefined : invalidate(...CARDS);
  const issuance = $api.useMutation('post', '/api/v1/ledger/imports/issuance', { onSuccess });
  const legacy = $api.useMutation('post', '/api/v1/ledger/imports/legacy', { onSuccess });
  return (kind: CardFileKind, bytes: Uint8Array, dryRun: boolean): Promise<CardImportReport> => {
    const init = { params: { query: { dry_run: dryRun } }, ...fileBody(bytes) };
    return kind === 'issuance' ? issuance.mutateAsync(init) : legacy.mutateAsync(init);
  };
}

/** Checks or applies a people file; applied, the people and the cards they hold change. */
export function useImportPeople() {
  const invalidate = useInvalidate();
  const mutation = $api.useMutation('post', '/api/v1/ledger/imports/people', {
    onSuccess: (_, init) => (dryRunOf(init) ? undefined : invalidate(PEOPLE, ...CARDS)),
  });
  return (bytes: Uint8Array, dryRun: boolean) =>
    mutation.mutateAsync({ params: { query: { dry_run: dryRun } }, ...fileBody(bytes) });
}

/** Checks or applies the renewal list against the cards; applied, the cards change. */
export function useReconcileRenewals() {
  const invalidate = useInvalidate();
  const mutation = $api.useMutation('post', '/api/v1/ledger/imports/renewal-list', {
    onSuccess: (_, init) => (dryRunOf(init) ? undefined : invalidate(...CARDS)),
  });
  return (bytes: Uint8Array, dryRun: boolean) =>
    mutation.mutateAsync({ params: { query: { dry_run: dryRun } }, ...fileBody(bytes) });
}
