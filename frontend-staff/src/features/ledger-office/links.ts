// Addresses of the card screens (the other ledger screens read their search from the URL).

/** The card search for the cards lying in one storage location. */
export function cardsInStorage(name: string): string {
  return `/ledger/cards?${new URLSearchParams({ storage_location: name }).toString()}`;
}

/** The card search for one management number. */
export function cardsWithNumber(managementNumber: string): string {
  return `/ledger/cards?${new URLSearchParams({ management_number: managementNumber }).toString()}`;
}

/** The cards an applied renewal reconciliation flagged with `verdict`. */
export function cardsWithRenewalCheck(verdict: string): string {
  return `/ledger/cards?${new URLSearchParams({ renewal_check: verdict }).toString()}`;
}

/** One card's details. */
export function cardPage(id: string): string {
  return `/ledger/cards/${encodeURIComponent(id)}`;
}
