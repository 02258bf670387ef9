// The month calendar's mark for a day: ◎ many, ○ some, △ few, × full, － none.
//
// The API gives only the places left in each slot, never a slot's capacity: telling
// residents how many places a counter has would reveal its staffing (RES-02). So the
// mark is judged from what a resident can see for themselves, for their party:
// - full (×): no slot has room for the whole party;
// - few (△): the slots that still fit the party are at most a quarter of the day's
//   slots, or fewer than 5 places are left in the whole day;
// - many (◎): at least three quarters of the slots fit the party;
// - some (○): anything between;
// - none (－): no slots at all (a closed day, or outside the booking window).

export type DayMark = 'many' | 'some' | 'few' | 'full' | 'none';

export type MarkSymbol = '◎' | '○' | '△' | '×' | '－';

const SYMBOLS: Record<DayMark, MarkSymbol> = { many: '◎', some: '○', few: '△', full: '×', none: '－' };

/** Below this many places left in a day, the day is shown as △ whatever its slots. */
const FEW_PLACES = 5;

export function dayMark(slots: readonly { remaining: number }[], party: number): DayMark {
  if (slots.length === 0) return 'none';
  // A party of 0 still needs a place: the person booking comes too.
  const needed = Math.max(1, party);
  const fitting = slots.filter((slot) => slot.remaining >= needed).length;
  if (fitting === 0) return 'full';
  const total = slots.reduce((sum, slot) => sum + Math.max(0, slot.remaining), 0);
  if (fitting * 4 <= slots.length || total < FEW_PLACES) return 'few';
  if (fitting * 4 >= slots.length * 3) return 'many';
  return 'some';
}

export function markSymbol(mark: DayMark): MarkSymbol {
  return SYMBOLS[mark];
}
