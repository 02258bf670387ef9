import { describe, expect, it } from 'vitest';
import { idleState } from './idle';

describe('the idle countdown', () => {
  const thirtyMinutes = 30 * 60;

  it('stays quiet until a minute is left', () => {
    expect(idleState(28 * 60 * 1000, thirtyMinutes)).toEqual({ kind: 'active' });
  });

  it('counts down the last minute', () => {
    expect(idleState(29 * 60 * 1000, thirtyMinutes)).toEqual({ kind: 'warning', secondsLeft: 60 });
    expect(idleState((29 * 60 + 45.5) * 1000, thirtyMinutes)).toEqual({ kind: 'warning', secondsLeft: 15 });
  });

  it('expires at zero', () => {
    expect(idleState(thirtyMinutes * 1000, thirtyMinutes)).toEqual({ kind: 'expired' });
  });

  it('warns from the start when the time-out is shorter than a minute', () => {
    expect(idleState(0, 45)).toEqual({ kind: 'warning', secondsLeft: 45 });
  });
});
