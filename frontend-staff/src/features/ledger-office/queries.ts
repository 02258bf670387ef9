// The lists these screens read, through TanStack Query.
import { useQuery } from '@tanstack/react-query';
import { fetchPostalEntries, fetchSettings, fetchStorageLocations, POSTAL_KEY, SETTINGS_KEY, STORAGE_KEY } from './api';

/** The QR layout and the tenant's own headers (the imports show the headers a file needs). */
export function useLedgerSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: fetchSettings });
}

/** Asked again whenever the list opens: a box filled on another laptop shows its count at once. */
export function useStorageLocations() {
  return useQuery({ queryKey: STORAGE_KEY, queryFn: fetchStorageLocations, staleTime: 0 });
}

/** The postal dictionary's size, asked again after each import (see PeoplePage). */
export function usePostalEntries() {
  return useQuery({ queryKey: POSTAL_KEY, queryFn: fetchPostalEntries });
}
