/** Browsing cached content: filter chips, a page, one item opened. Pure; shared by the information services. */
export interface BrowseState {
  filters: Record<string, string | null>;
  page: number;
  /** The opened item's id, or null for the list. */
  selected: string | null;
}

export type BrowseAction =
  | { type: 'filter'; key: string; value: string | null }
  | { type: 'page'; page: number }
  | { type: 'open'; id: string }
  | { type: 'close' };

export const initialBrowseState: BrowseState = { filters: {}, page: 1, selected: null };

export function browseReducer(state: BrowseState, action: BrowseAction): BrowseState {
  switch (action.type) {
    case 'filter':
      return { filters: { ...state.filters, [action.key]: action.value }, page: 1, selected: null };
    case 'page':
      return { ...state, page: Math.max(1, action.page), selected: null };
    case 'open':
      return { ...state, selected: action.id };
    case 'close':
      return { ...state, selected: null };
  }
}

/** One page of a list, and how many pages there are (at least one). */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, page), pageCount);
  return { items: items.slice((p - 1) * size, p * size), page: p, pageCount };
}

/** The distinct values of a field, in first-seen order (for chips). */
export function distinct<T>(items: readonly T[], field: (item: T) => string): string[] {
  return [...new Set(items.map(field))];
}
