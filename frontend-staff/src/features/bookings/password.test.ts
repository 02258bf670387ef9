import { describe, expect, it } from 'vitest';
import { passwordGroups } from './password';

describe('a reissued password read out', () => {
  it('is two groups of five, which join back to the password', () => {
    expect(passwordGroups('7KQ3MXCW4A')).toEqual(['7KQ3M', 'XCW4A']);
    expect(passwordGroups('7KQ3MXCW4A').join('')).toBe('7KQ3MXCW4A');
  });

  it('groups an older, shorter password too, and never makes an empty group', () => {
    expect(passwordGroups('aB3dE6gH')).toEqual(['aB3dE', '6gH']);
    expect(passwordGroups('')).toEqual([]);
  });
});
