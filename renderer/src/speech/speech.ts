/** Spoken prompts over the Web Speech API; a no-op where the browser has no speech synthesis. */
import { speechLang, type Locale } from '../i18n/locale';

/** Says one prompt at a time: a new prompt cuts off the one before. */
export interface Speech {
  speak(text: string, locale: Locale): void;
  cancel(): void;
}

/** A bit slower than the default: most people at the kiosk are elderly. */
const RATE = 0.85;

/** Speech over `synth` (the page's speechSynthesis by default). */
export function createSpeech(
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
  Utterance: typeof SpeechSynthesisUtterance | undefined = globalThis.SpeechSynthesisUtterance,
): Speech {
  if (!synth || !Utterance) return { speak: () => undefined, cancel: () => undefined };
  return {
    speak(text, locale) {
      synth.cancel();
      if (!text) return;
      const lang = speechLang[locale];
      const utterance = new Utterance(text);
      utterance.lang = lang;
      utterance.rate = RATE;
      const prefix = lang.slice(0, 2).toLowerCase();
      const voices = synth.getVoices();
      const voice =
        voices.find((v) => v.lang.replace('_', '-').toLowerCase() === lang.toLowerCase()) ??
        voices.find((v) => v.lang.toLowerCase().startsWith(prefix));
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    },
    cancel() {
      synth.cancel();
    },
  };
}
