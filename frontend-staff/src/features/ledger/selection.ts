// The cards chosen on the search screen: some by their checkboxes (kept while paging),
// or every card the search finds, however many pages that is.
import type { ApiFilter } from './filters';

export type Selection = { mode: 'ids'; ids: ReadonlySet<string> } | { mode: 'all' };

export const NOTHING: Selection = { mode: 'ids', ids: new Set() };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.mode === 'all' || selection.ids.has(id);
}

/** One row's checkbox. Unticking a row of "all that match" keeps the rest of its page. */
export function toggle(selection: Selection, id: string, pageIds: readonly string[]): Selection {
  if (selection.mode === 'all') return { mode: 'ids', ids: new Set(pageIds.filter((other) => other !== id)) };
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { mode: 'ids', ids };
}

/** The "whole page" checkbox. */
export function setPage(selection: Selection, pageIds: readonly string[], checked: boolean): Selection {
  if (selection.mode === 'all') return checked ? selection : NOTHING;
  const ids = new Set(selection.ids);
  for (const id of pageIds) {
    if (checked) ids.add(id);
    else ids.delete(id);
  }
  return { mode: 'ids', ids };
}

/** How the page's checkbox looks: ticked, mixed, or empty. */
export function pageState(selection: Selection, pageIds: readonly string[]): 'all' | 'some' | 'none' {
  if (pageIds.length === 0) return 'none';
  const chosen = pageIds.filter((id) => isSelected(selection, id)).length;
  if (chosen === 0) return 'none';
  return chosen === pageIds.length ? 'all' : 'some';
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === 'all' ? total : selection.ids.size;
}

/** Offer "all N that match" once the whole page is ticked and the search finds more. */
export function offerAll(selection: Selection, pageIds: readonly string[], total: number): boolean {
  return selection.mode === 'ids' && total > pageIds.length && pageState(selection, pageIds) === 'all';
}

/** What the bulk request names: the chosen cards, or the filter that finds them all. */
export function bulkTarget(selection: Selection, filter: ApiFilter): { ids: string[] } | { filter: ApiFilter } {
  return selection.mode === 'all' ? { filter } : { ids: [...selection.ids] };
}
