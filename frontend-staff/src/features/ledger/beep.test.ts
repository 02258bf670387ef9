import { describe, expect, it } from 'vitest';
import { beep, soundWanted, tonesFor } from './beep';

describe('scan sounds', () => {
  it('is one short high beep for a card read', () => {
    const [tone, ...rest] = tonesFor('ok');
    expect(rest).toEqual([]);
    expect(tone?.frequency).toBeGreaterThan(1000);
    expect(tone?.duration).toBeLessThanOrEqual(0.1);
  });

  it('is two low beeps, apart, for a duplicate', () => {
    const tones = tonesFor('duplicate');
    expect(tones).toHaveLength(2);
    expect(tones.every((tone) => tone.frequency < 400)).toBe(true);
    const [first, second] = tones;
    expect(second!.start).toBeGreaterThan(first!.start + first!.duration);
  });

  it('is one low long tone when the code could not be read', () => {
    expect(tonesFor('invalid')).toEqual(tonesFor('failed'));
    expect(tonesFor('invalid')[0]!.duration).toBeGreaterThan(tonesFor('ok')[0]!.duration);
  });

  it('stays silent where there is no Web Audio (jsdom), without throwing', () => {
    expect(() => beep('ok')).not.toThrow();
  });

  it('is on unless the clerk turned it off', () => {
    expect(soundWanted(null)).toBe(true);
    expect(soundWanted('on')).toBe(true);
    expect(soundWanted('off')).toBe(false);
  });
});
