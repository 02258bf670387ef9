import { describe, expect, it } from 'vitest';
import { storageChoices } from './storage';

describe('storage location choices', () => {
  it('offers the registered locations, and keeps a card’s own one that is no longer registered', () => {
    const locations = [{ name: '金庫A' }, { name: '書庫2段目' }];
    expect(storageChoices(locations, '')).toEqual(['金庫A', '書庫2段目']);
    expect(storageChoices(locations, '金庫A')).toEqual(['金庫A', '書庫2段目']);
    expect(storageChoices(locations, '旧倉庫')).toEqual(['旧倉庫', '金庫A', '書庫2段目']);
    expect(storageChoices(undefined, '')).toEqual([]);
  });
});
