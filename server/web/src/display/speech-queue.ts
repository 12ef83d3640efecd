/**
 * Speaks announcements one after another, never cutting one off for the next (no `cancel()`):
 * a person halfway through hearing their number must hear the window too. Each sentence has a
 * generous time limit so a synthesis engine that never reports the end does not silence the hall
 * for the rest of the day. DOM-free: the page gives it a `Speaker` over `speechSynthesis`.
 */

/** How one sentence went: said, refused before anyone touched the page (autoplay policy), or failed. */
export type SpeakOutcome = 'ended' | 'refused' | 'failed';

/** Says one sentence and reports once when it is over. */
export interface Speaker {
  speak(text: string, done: (outcome: SpeakOutcome) => void): void;
}

export interface SpeechQueueOptions {
  speaker: Speaker;
  /** Told when the browser refuses to speak until a person touches the page, and when that is over. */
  onBlocked?: (blocked: boolean) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Milliseconds a sentence may take before the queue moves on regardless. */
export function speakLimitMs(text: string): number {
  return 6_000 + text.length * 500;
}

/** A first-in, first-out queue of sentences to say. */
export class SpeechQueue {
  private readonly pending: string[] = [];
  private speaking = false;
  private blocked = false;

  constructor(private readonly options: SpeechQueueOptions) {}

  /** Adds a sentence; it is said after everything already queued. */
  enqueue(text: string): void {
    this.pending.push(text);
    this.next();
  }

  /** After a person touched the page: say again what the browser refused. */
  resume(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.options.onBlocked?.(false);
    this.next();
  }

  /** Sentences not yet fully said, the current one first. */
  get queued(): readonly string[] {
    return this.pending;
  }

  private next(): void {
    if (this.speaking || this.blocked) return;
    const text = this.pending[0];
    if (text === undefined) return;
    const setTimer = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    const clearTimer = this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.speaking = true;
    let settled = false;
    const done = (outcome: SpeakOutcome) => {
      if (settled) return;
      settled = true;
      clearTimer(timer);
      this.speaking = false;
      if (outcome === 'refused') {
        // Keep the sentence: it is said once a person has touched the page.
        this.blocked = true;
        this.options.onBlocked?.(true);
        return;
      }
      this.pending.shift();
      this.next();
    };
    const timer = setTimer(() => done('failed'), speakLimitMs(text));
    this.options.speaker.speak(text, done);
  }
}

/** A Mandarin voice: zh-CN first, then any Chinese one; undefined leaves the browser's default. */
export function pickVoice<V extends { lang: string }>(voices: readonly V[]): V | undefined {
  const lang = (v: V) => v.lang.replace('_', '-').toLowerCase();
  return voices.find((v) => lang(v) === 'zh-cn') ?? voices.find((v) => lang(v).startsWith('zh'));
}
