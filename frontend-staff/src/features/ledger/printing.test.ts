import { describe, expect, it } from 'vitest';
import type { Location } from './api';
import { locationChoices } from './printing';

function location(name: string, sort_order: number, active = true): Location {
  return { id: `id-${name}`, name, address: '', sort_order, active, version: 1 };
}

describe('the counters offered for the 交付チェックリスト', () => {
  it('keeps the configured order and marks a closed counter', () => {
    expect(locationChoices([location('北支所', 2), location('旧出張所', 3, false), location('本庁舎', 1)])).toEqual([
      { id: 'id-本庁舎', label: '本庁舎' },
      { id: 'id-北支所', label: '北支所' },
      { id: 'id-旧出張所', label: '旧出張所（休止中）' },
    ]);
  });
});
