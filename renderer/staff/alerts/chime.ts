/**
 * A short two-tone chime for a new alert, made with the Web Audio API (no sound file to load).
 * Silent where there is no AudioContext (jsdom, an old browser) or the sound cannot play; it never
 * throws.
 */

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextClass | undefined {
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext;
}

/** Play two notes, high then lower, about half a second in all. Returns whether it tried to play. */
export function playChime(): boolean {
  try {
    const Ctor = audioContextClass();
    if (!Ctor) return false;
    context ??= new Ctor();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.02;
    const notes: [number, number][] = [
      [880, 0],
      [660, 0.22],
    ];
    for (const [frequency, offset] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(frequency, start + offset);
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.22);
    }
    return true;
  } catch {
    return false;
  }
}

/** For tests: forget the audio context (a new one is made for the next chime). */
export function resetChime(): void {
  context = null;
}
