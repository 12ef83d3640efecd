import { describe, expect, it, vi } from 'vitest';
import { createSpeech } from '../../renderer/src/speech/speech';

class FakeUtterance {
  lang = '';
  rate = 1;
  voice: { lang: string; name: string } | null = null;
  constructor(readonly text: string) {}
}

function fakeSynth(voices: Array<{ lang: string; name: string }>) {
  return {
    spoken: [] as FakeUtterance[],
    cancel: vi.fn(),
    getVoices: () => voices,
    speak(u: FakeUtterance) {
      this.spoken.push(u);
    },
  };
}

const make = (synth: ReturnType<typeof fakeSynth>) =>
  createSpeech(synth as unknown as SpeechSynthesis, FakeUtterance as unknown as typeof SpeechSynthesisUtterance);

describe('speech', () => {
  it('cancels the previous prompt and speaks with a voice for the locale', () => {
    const synth = fakeSynth([
      { lang: 'en-US', name: 'English' },
      { lang: 'zh_CN', name: 'Mandarin' },
    ]);
    const speech = make(synth);
    speech.speak('请将身份证放在读卡区', 'zh-CN');
    speech.speak('Please place your ID card', 'en');
    expect(synth.cancel).toHaveBeenCalledTimes(2);
    expect(synth.spoken.map((u) => [u.text, u.lang, u.voice?.name])).toEqual([
      ['请将身份证放在读卡区', 'zh-CN', 'Mandarin'],
      ['Please place your ID card', 'en-US', 'English'],
    ]);
    expect(synth.spoken[0]!.rate).toBeLessThan(1);
  });

  it('falls back to the language prefix, or to the default voice', () => {
    const synth = fakeSynth([{ lang: 'zh-TW', name: 'Taiwan' }]);
    const speech = make(synth);
    speech.speak('你好', 'zh-CN');
    speech.speak('Hello', 'en');
    expect(synth.spoken.map((u) => u.voice?.name ?? null)).toEqual(['Taiwan', null]);
  });

  it('an empty prompt only silences the previous one', () => {
    const synth = fakeSynth([]);
    make(synth).speak('', 'zh-CN');
    expect(synth.cancel).toHaveBeenCalledOnce();
    expect(synth.spoken).toHaveLength(0);
  });

  it('is a no-op where the browser has no speech synthesis (jsdom)', () => {
    const speech = createSpeech(undefined, undefined);
    expect(() => speech.speak('你好', 'zh-CN')).not.toThrow();
    expect(() => speech.cancel()).not.toThrow();
  });
});
