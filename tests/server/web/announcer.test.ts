// What the hall display says aloud, poll after poll: each call once, recalls again, in order,
// always with the window; and the queue that says them never cuts one off.
import { describe, expect, it } from 'vitest';
import {
  type AnnounceableCall,
  type AnnouncerState,
  announce,
  initialAnnouncer,
} from '../../../server/web/src/display/announcer';
import { type SpeakOutcome, SpeechQueue, pickVoice } from '../../../server/web/src/display/speech-queue';

const call = (id: string, ticketNo: string, windowNo: number, times: number, calledAt: string): AnnounceableCall => ({
  id,
  ticketNo,
  windowNo,
  times,
  calledAt,
});

/** Runs polls through the announcer and collects every sentence it says. */
function run(polls: AnnounceableCall[][], start: AnnouncerState = initialAnnouncer): string[] {
  let state = start;
  const said: string[] = [];
  for (const poll of polls) {
    const out = announce(state, poll);
    state = out.state;
    said.push(...out.say.map((a) => a.text));
  }
  return said;
}

const primed = announce(initialAnnouncer, []).state;

describe('announcer', () => {
  it('says a new call with the ticket and the window', () => {
    expect(run([[call('t1', 'A017', 3, 1, '2026-11-23T09:00:00+08:00')]], primed)).toEqual([
      '请 A017 号到 3 号窗口办理',
    ]);
  });

  it('does not repeat a call when the same feed is polled again', () => {
    const feed = [call('t1', 'A017', 3, 1, '2026-11-23T09:00:00+08:00')];
    expect(run([feed, feed, feed], primed)).toEqual(['请 A017 号到 3 号窗口办理']);
  });

  it('says a recall again', () => {
    const first = [call('t1', 'A017', 3, 1, '2026-11-23T09:00:00+08:00')];
    const recalled = [call('t1', 'A017', 3, 2, '2026-11-23T09:01:00+08:00')];
    expect(run([first, recalled, recalled], primed)).toEqual([
      '请 A017 号到 3 号窗口办理',
      '请 A017 号到 3 号窗口办理',
    ]);
  });

  it('says calls made between two polls oldest first', () => {
    const feed = [
      call('t2', 'B004', 5, 1, '2026-11-23T09:00:05+08:00'),
      call('t1', 'A017', 3, 1, '2026-11-23T09:00:01+08:00'),
    ];
    expect(run([feed], primed)).toEqual(['请 A017 号到 3 号窗口办理', '请 B004 号到 5 号窗口办理']);
  });

  it('the first poll only takes note: a display switched on late does not read out the morning', () => {
    const morning = [call('t1', 'A001', 1, 1, '2026-11-23T08:31:00+08:00')];
    const later = [...morning, call('t2', 'A002', 2, 1, '2026-11-23T08:40:00+08:00')];
    expect(run([morning, later])).toEqual(['请 A002 号到 2 号窗口办理']);
  });

  it('a call recalled twice between polls is said twice', () => {
    const first = [call('t1', 'A017', 3, 1, '2026-11-23T09:00:00+08:00')];
    const twice = [call('t1', 'A017', 3, 3, '2026-11-23T09:02:00+08:00')];
    expect(run([first, twice], primed)).toHaveLength(3);
  });

  it('a call that dropped out of the feed and comes back unchanged is not said again', () => {
    const a = call('t1', 'A017', 3, 1, '2026-11-23T09:00:00+08:00');
    expect(run([[a], [], [a]], primed)).toHaveLength(1);
  });
});

/** A speaker that finishes only when the test says so, like a real voice that takes time. */
function manualSpeaker() {
  const started: string[] = [];
  const finishers: Array<(o: SpeakOutcome) => void> = [];
  return {
    started,
    finish: (o: SpeakOutcome = 'ended') => finishers.shift()?.(o),
    speaker: {
      speak(text: string, done: (o: SpeakOutcome) => void) {
        started.push(text);
        finishers.push(done);
      },
    },
  };
}

describe('speech queue', () => {
  const noTimers = { setTimer: () => 0, clearTimer: () => undefined };

  it('says sentences one after another, never starting the next before the current one ends', () => {
    const s = manualSpeaker();
    const q = new SpeechQueue({ speaker: s.speaker, ...noTimers });
    q.enqueue('一');
    q.enqueue('二');
    q.enqueue('三');
    expect(s.started).toEqual(['一']);
    s.finish();
    expect(s.started).toEqual(['一', '二']);
    s.finish('failed'); // a failed sentence does not stop the queue
    s.finish();
    expect(s.started).toEqual(['一', '二', '三']);
    expect(q.queued).toEqual([]);
  });

  it('moves on when a sentence never reports its end', () => {
    const s = manualSpeaker();
    const timers: Array<() => void> = [];
    const q = new SpeechQueue({ speaker: s.speaker, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    q.enqueue('一');
    q.enqueue('二');
    timers[0]!();
    expect(s.started).toEqual(['一', '二']);
  });

  it('keeps a refused sentence until a person touches the page, then says it', () => {
    const s = manualSpeaker();
    const blocked: boolean[] = [];
    const q = new SpeechQueue({ speaker: s.speaker, onBlocked: (b) => blocked.push(b), ...noTimers });
    q.enqueue('一');
    s.finish('refused');
    q.enqueue('二');
    expect(s.started).toEqual(['一']);
    expect(blocked).toEqual([true]);
    q.resume();
    expect(s.started).toEqual(['一', '一']);
    s.finish();
    expect(s.started).toEqual(['一', '一', '二']);
    expect(blocked).toEqual([true, false]);
  });

  it('prefers a zh-CN voice', () => {
    const voices = [{ lang: 'en-US' }, { lang: 'zh-TW' }, { lang: 'zh_CN' }];
    expect(pickVoice(voices)).toBe(voices[2]);
    expect(pickVoice([{ lang: 'en-US' }, { lang: 'zh-HK' }])?.lang).toBe('zh-HK');
    expect(pickVoice([{ lang: 'en-US' }])).toBeUndefined();
  });
});
