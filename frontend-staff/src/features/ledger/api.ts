// The ledger's reads and writes: reads keyed by method, path and params ($api); each
// write sets the card to the server's answer or invalidates what it changes. The PDFs
// (checklist, receipt) are downloads, plain functions: nothing of them is cached.
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import type { Middleware } from 'openapi-fetch';
import { useMemo } from 'react';
import { call } from '../../../../frontend-shared/api/call';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { api } from '../../api/client';
import { $api, getKey, useInvalidate } from '../../api/query';
import type { components } from '../../api/schema';
import { readConflict } from './batches';
import type { ApiFilter } from './filters';

export type LedgerCard = components['schemas']['LedgerCardView'];
export type LedgerCardDetails = components['schemas']['LedgerCardDetails'];
export type LedgerEvent = components['schemas']['LedgerEventView'];
export type LedgerCardPage = components['schemas']['LedgerCardPage'];
export type ScanBatch = components['schemas']['ScanBatchView'];
/** An open batch as the list of them shows it: who started it, when, how many cards, when it expires. */
export type OpenBatch = components['schemas']['OpenBatchView'];
/** What a refusal conflicts with: the open batch holding the card, or the card in the ledger. */
export type ConflictWith = components['schemas']['ConflictWith'];
export type Scan = components['schemas']['ScanView'];
export type ScannedCard = components['schemas']['ScannedCardView'];
export type BulkStepRequest = components['schemas']['BulkStepRequest'];
export type BulkStepResult = components['schemas']['BulkStepResult'];
/** What the edit form may change; `version` is the card the clerk saw; `null` clears a field. */
export type CardPatch = components['schemas']['CardEditRequest'];
/** A box or shelf where cards lie (保管場所), with how many lie there now. */
export type StorageLocation = components['schemas']['StorageLocationView'];
/** What the server read from scanned カード発行一覧 pages: the codes added to the batch and those refused. */
export type ImageScanReport = components['schemas']['ImageScanReport'];
export type RefusedCode = components['schemas']['RefusedCode'];
export type Location = components['schemas']['AdminLocationView'];

const CARD_LIST = getKey('/api/v1/ledger/cards');
const CARDS = getKey('/api/v1/ledger/cards/{id}');
const STORAGE = getKey('/api/v1/ledger/storage-locations');
const OPEN_BATCHES = getKey('/api/v1/ledger/scan-batches');
const cardKey = (id: string) => getKey('/api/v1/ledger/cards/{id}', { params: { path: { id } } });

/** A page of the search; the page shown stays while the next loads. */
export function useCards(filter: ApiFilter, page: number, perPage: number) {
  return $api.useQuery(
    'get',
    '/api/v1/ledger/cards',
    { params: { query: { ...filter, page, per_page: perPage } } },
    { placeholderData: keepPreviousData },
  );
}

export function useCard(id: string) {
  return $api.useQuery('get', '/api/v1/ledger/cards/{id}', { params: { path: { id } } });
}

/** Always asked again when a list opens: a location added on another screen or laptop shows at once. */
export function useStorageLocations() {
  return $api.useQuery('get', '/api/v1/ledger/storage-locations', undefined, { staleTime: 0 });
}

/** The counters, for the checklist's choice of one. */
export function useLocations() {
  return $api.useQuery('get', '/api/v1/admin/locations');
}

/** A card changed by the clerk: the answer is the card now; the lists and box counts read again in the background. */
function useCardChanged() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return (id: string, details: LedgerCardDetails) => {
    queryClient.setQueryData(cardKey(id), details);
    void invalidate(CARD_LIST, STORAGE);
  };
}

export function usePatchCard() {
  const changed = useCardChanged();
  return $api.useMutation('patch', '/api/v1/ledger/cards/{id}', {
    onSuccess: (details, { params }) => changed(params.path.id, details),
  });
}

export function useCardStep() {
  const changed = useCardChanged();
  return $api.useMutation('post', '/api/v1/ledger/cards/{id}/steps', {
    onSuccess: (details, { params }) => changed(params.path.id, details),
  });
}

/** Deleted: the card is gone from the cache, and the results the clerk goes back to no longer list it. */
export function useDeleteCard() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/ledger/cards/{id}', {
    onSuccess: (_, { params }) => {
      void invalidate(CARD_LIST, STORAGE);
      queryClient.removeQueries({ queryKey: cardKey(params.path.id) });
    },
  });
}

/** One step for many cards: the lists, the cards and the box counts read again in the background. */
export function useBulkStep() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/ledger/cards/bulk-steps', {
    onSuccess: () => void invalidate(CARD_LIST, CARDS, STORAGE),
  });
}

/**
 * A scan refused with what holds the card (`conflict_with`: the open batch, or the card
 * in the ledger). The shared ApiError keeps no `conflict_with`, so the scan reads it
 * from the answer itself and throws this instead.
 */
export class ScanRefused extends ApiError {
  readonly conflictWith: ConflictWith;

  constructor(error: ApiError, conflictWith: ConflictWith) {
    super(error.status, error.code, error.detail, error.errors, error.retryAfter);
    this.conflictWith = conflictWith;
  }
}

/**
 * Every open batch of the municipality, the clerk's own marked. Asked again whenever the
 * list shows: a batch another clerk started, registered or discarded shows at once.
 */
export function useOpenBatches() {
  return $api.useQuery('get', '/api/v1/ledger/scan-batches', undefined, { staleTime: 0 });
}

/**
 * A scan batch: read, started, added to by payloads or page files, registered (which
 * changes the cards) or discarded (which gives its cards back). The scan screen holds the
 * one it shows in its reducer, named by the address; the server holds the rest.
 */
export function useScanBatches() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const { mutateAsync: create } = $api.useMutation('post', '/api/v1/ledger/scan-batches');
  const { mutateAsync: scan } = $api.useMutation('post', '/api/v1/ledger/scan-batches/{id}/scans');
  const { mutateAsync: images } = $api.useMutation('post', '/api/v1/ledger/scan-batches/{id}/images');
  const { mutateAsync: removeScan } = $api.useMutation('delete', '/api/v1/ledger/scan-batches/{id}/scans/{scan_id}');
  const { mutateAsync: commit } = $api.useMutation('post', '/api/v1/ledger/scan-batches/{id}/commit', {
    onSuccess: () => void invalidate(CARD_LIST, CARDS, STORAGE, OPEN_BATCHES),
  });
  const { mutateAsync: discard } = $api.useMutation('post', '/api/v1/ledger/scan-batches/{id}/discard', {
    onSuccess: () => void invalidate(OPEN_BATCHES),
  });
  return useMemo(() => {
    const read = (id: string) =>
      queryClient.fetchQuery({
        ...$api.queryOptions('get', '/api/v1/ledger/scan-batches/{id}', { params: { path: { id } } }),
        staleTime: 0,
      });
    return {
      read,
      /** A new batch, as the server then shows it. */
      start: async () => read((await create({})).id),
      /** One payload; a duplicate is thrown as ScanRefused when the server names where the card is. */
      scan: async (batchId: string, payload: string) => {
        let conflict: ConflictWith | null = null;
        // Runs before the shared middleware turns the refusal into an ApiError (and reads its body).
        const capture: Middleware = {
          async onResponse({ response }) {
            if (response.status === 409)
              conflict = readConflict(
                await response
                  .clone()
                  .json()
                  .catch(() => null),
              );
            return undefined;
          },
        };
        try {
          return await scan({ params: { path: { id: batchId } }, body: { payload }, middleware: [capture] });
        } catch (e) {
          throw e instanceof ApiError && conflict ? new ScanRefused(e, conflict) : e;
        }
      },
      /** Sends a scanned page file (PNG, JPEG or PDF) as it is: the server finds the QR codes on it. */
      images: (batchId: string, file: Blob) =>
        images({
          params: { path: { id: batchId } },
          // The schema calls the body a byte array; the browser sends the Blob unread.
          body: file as unknown as number[],
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'Content-Type': 'application/octet-stream' },
        }),
      removeScan: (batchId: string, scanId: string) =>
        removeScan({ params: { path: { id: batchId, scan_id: scanId } } }),
      commit: (batchId: string) => commit({ params: { path: { id: batchId } } }),
      /** The batch as the server now shows it: discarded, its cards given back (no scans left). */
      discard: (batchId: string, reason: string) => discard({ params: { path: { id: batchId } }, body: { reason } }),
    };
  }, [queryClient, create, scan, images, removeScan, commit, discard]);
}

/** The day's 交付チェックリスト as a PDF; all locations when `locationId` is empty. */
export function fetchChecklist(date: string, locationId: string): Promise<Blob> {
  return call(
    api.GET('/api/v1/ledger/checklist', {
      params: { query: { date, ...(locationId ? { location_id: locationId } : {}) } },
      parseAs: 'blob',
    }),
  );
}

/** A card's 受領書 as a PDF. */
export function fetchReceipt(id: string): Promise<Blob> {
  return call(api.GET('/api/v1/ledger/cards/{id}/receipt', { params: { path: { id } }, parseAs: 'blob' }));
}
