// The ledger API: types from the generated schema, and the calls the screens make.
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { ApiFilter } from './filters';

export type LedgerCard = components['schemas']['LedgerCardView'];
export type LedgerCardDetails = components['schemas']['LedgerCardDetails'];
export type LedgerEvent = components['schemas']['LedgerEventView'];
export type LedgerCardPage = components['schemas']['LedgerCardPage'];
export type ScanBatch = components['schemas']['ScanBatchView'];
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

export function fetchCard(id: string): Promise<LedgerCardDetails> {
  return call(api.GET('/api/v1/ledger/cards/{id}', { params: { path: { id } } }));
}

export function searchCards(filter: ApiFilter, page: number, perPage: number): Promise<LedgerCardPage> {
  return call(api.GET('/api/v1/ledger/cards', { params: { query: { ...filter, page, per_page: perPage } } }));
}

export function bulkStep(body: BulkStepRequest): Promise<BulkStepResult> {
  return call(api.POST('/api/v1/ledger/cards/bulk-steps', { body }));
}

export function patchCard(id: string, body: CardPatch): Promise<LedgerCardDetails> {
  return call(api.PATCH('/api/v1/ledger/cards/{id}', { params: { path: { id } }, body }));
}

export async function deleteCard(id: string, version: number, reason: string): Promise<void> {
  await call(api.DELETE('/api/v1/ledger/cards/{id}', { params: { path: { id } }, body: { version, reason } }));
}

export function fetchStorageLocations(): Promise<StorageLocation[]> {
  return call(api.GET('/api/v1/ledger/storage-locations'));
}

/** Sends a scanned page file (PNG, JPEG or PDF) as it is: the server finds the QR codes on it. */
export function scanImages(batchId: string, file: Blob): Promise<ImageScanReport> {
  return call(
    api.POST('/api/v1/ledger/scan-batches/{id}/images', {
      params: { path: { id: batchId } },
      // The schema calls the body a byte array; the browser sends the Blob unread.
      body: file as unknown as number[],
      bodySerializer: (body: unknown) => body as Blob,
      headers: { 'Content-Type': 'application/octet-stream' },
    }),
  );
}

export function fetchLocations(): Promise<Location[]> {
  return call(api.GET('/api/v1/admin/locations'));
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
