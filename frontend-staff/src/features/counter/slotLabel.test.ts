import { describe, expect, it } from 'vitest';
import { slotLabel } from './SlotPicker';

describe('a slot button’s places', () => {
  it('says held, not full, when residents filling in the form hold the last places', () => {
    expect(slotLabel({ remaining: 0, held: 2 }, 1)).toBe('残り0（仮押さえ2）');
    expect(slotLabel({ remaining: 0, held: 0 }, 1)).toBe('満員');
  });

  it('counts what is left against the party', () => {
    expect(slotLabel({ remaining: 1, held: 1 }, 2)).toBe('残り 1（人数不足）');
    expect(slotLabel({ remaining: 3, held: 0 }, 2)).toBe('残り 3');
  });
});
