// Sounds for the scan desk, made with the Web Audio API (no sound files to ship): the
// clerk's eyes are on the card pile, not on the screen, so each outcome has its own.

export interface Tone {
  /** Hz */
  frequency: number;
  /** Seconds after the first tone starts. */
  start: number;
  /** Seconds. */
  duration: number;
}

export type Signal = 'ok' | 'duplicate' | 'invalid' | 'failed';

/** A short high beep for a card read; a low double beep for a duplicate; one low long tone when it could not be read. */
export function tonesFor(signal: Signal): Tone[] {
  switch (signal) {
    case 'ok':
      return [{ frequency: 1760, start: 0, duration: 0.08 }];
    case 'duplicate':
      return [
        { frequency: 220, start: 0, duration: 0.16 },
        { frequency: 220, start: 0.24, duration: 0.16 },
      ];
    case 'invalid':
    case 'failed':
      return [{ frequency: 330, start: 0, duration: 0.4 }];
  }
}

type AudioContextClass = typeof AudioContext;
let context: AudioContext | null = null;

/** Plays the tones; a browser without sound (or that refuses it) just stays silent. */
export function beep(signal: Signal): void {
  try {
    const Context = (window.AudioContext ??
      (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext) as
      AudioContextClass | undefined;
    if (!Context) return;
    context ??= new Context();
    if (context.state === 'suspended') void context.resume();
    const now = context.currentTime + 0.01;
    for (const tone of tonesFor(signal)) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = tone.frequency;
      // A quick fade in and out: a hard edge clicks.
      const start = now + tone.start;
      const end = start + tone.duration;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.01);
      gain.gain.setValueAtTime(0.15, end - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(end + 0.02);
    }
  } catch {
    // No sound here; the screen still says it.
  }
}

export const SOUND_KEY = 'madoguchi.staff.ledger.sound';

export function soundWanted(stored: string | null): boolean {
  return stored !== 'off';
}
