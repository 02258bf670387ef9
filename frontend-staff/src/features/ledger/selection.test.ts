import { describe, expect, it } from 'vitest';
import {
  bulkTarget,
  isSelected,
  NOTHING,
  offerAll,
  pageState,
  selectedCount,
  setPage,
  toggle,
  type Selection,
} from './selection';

const PAGE = ['a', 'b', 'c'];

describe('choosing cards', () => {
  it('ticks and unticks rows', () => {
    let s: Selection = toggle(NOTHING, 'a', PAGE);
    s = toggle(s, 'b', PAGE);
    expect(pageState(s, PAGE)).toBe('some');
    s = toggle(s, 'a', PAGE);
    expect(isSelected(s, 'a')).toBe(false);
    expect(selectedCount(s, 100)).toBe(1);
  });

  it('ticks the whole page and keeps rows chosen on other pages', () => {
    let s: Selection = toggle(NOTHING, 'z', ['z']);
    s = setPage(s, PAGE, true);
    expect(pageState(s, PAGE)).toBe('all');
    expect(selectedCount(s, 100)).toBe(4);
    s = setPage(s, PAGE, false);
    expect(bulkTarget(s, {})).toEqual({ ids: ['z'] });
  });

  it('offers all that match once the page is ticked and there are more', () => {
    const page = setPage(NOTHING, PAGE, true);
    expect(offerAll(page, PAGE, 3)).toBe(false);
    expect(offerAll(page, PAGE, 120)).toBe(true);
    const all: Selection = { mode: 'all' };
    expect(offerAll(all, PAGE, 120)).toBe(false);
    expect(selectedCount(all, 120)).toBe(120);
    expect(bulkTarget(all, { status: 'set_up' })).toEqual({ filter: { status: 'set_up' } });
  });

  it('unticking one row of "all" keeps the rest of the page', () => {
    const s = toggle({ mode: 'all' }, 'b', PAGE);
    expect(bulkTarget(s, {})).toEqual({ ids: ['a', 'c'] });
    expect(setPage({ mode: 'all' }, PAGE, false)).toEqual(NOTHING);
  });
});
