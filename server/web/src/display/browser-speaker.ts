/** The `Speaker` over the browser's speech synthesis, in a Mandarin voice when there is one. */
import { type Speaker, pickVoice } from './speech-queue';

export function browserSpeaker(): Speaker {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
    // No speech in this browser: the screen still shows every call.
    return { speak: (_text, done) => done('failed') };
  }
  return {
    speak(text, done) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = 'zh-CN';
      utterance.rate = 0.9; // a little slower: a hall is noisy and many listeners are elderly
      const voice = pickVoice(synth.getVoices());
      if (voice) utterance.voice = voice;
      utterance.onend = () => done('ended');
      utterance.onerror = (event) => done(event.error === 'not-allowed' ? 'refused' : 'failed');
      synth.speak(utterance);
    },
  };
}
