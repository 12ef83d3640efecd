/**
 * The hall's big screen: the latest call huge, the other current calls beside it, a short history,
 * waiting counts per category, and every call spoken in Mandarin (queued, never cut off).
 */
import { useEffect, useRef, useState } from 'react';
import { type DisplayCall, HallDisplayFeed, HallParams, queueRoutes } from '../../../../contracts/queue';
import { apiRequest, errorText } from '../shared/api';
import { clock } from '../shared/time';
import { usePoll } from '../shared/use-poll';
import { type AnnounceableCall, type AnnouncerState, announce, initialAnnouncer } from './announcer';
import { browserSpeaker } from './browser-speaker';
import { SpeechQueue } from './speech-queue';

/** How often the feed is asked: a call shows within about this long. */
export const DISPLAY_POLL_MS = 1_000;
const HISTORY_LENGTH = 8;

/** A ticket number is unique per hall and service day. */
function callId(serviceDay: string, call: DisplayCall): string {
  return `${serviceDay}:${call.number}`;
}

function toAnnounceable(serviceDay: string, call: DisplayCall): AnnounceableCall {
  return {
    id: callId(serviceDay, call),
    ticketNo: call.number,
    windowNo: call.windowNo,
    times: call.recallCount + 1,
    calledAt: call.calledAt,
  };
}

export function DisplayPage({ hallId }: { hallId: string }) {
  const valid = HallParams.safeParse({ hallId }).success;
  if (!valid) {
    return (
      <main className="display display-setup">
        <h1>叫号显示屏</h1>
        <p>请在地址后加上大厅编号，例如 /display?hall=demo-hall</p>
      </main>
    );
  }
  return <HallDisplay hallId={hallId} />;
}

function HallDisplay({ hallId }: { hallId: string }) {
  const [blocked, setBlocked] = useState(false);
  const speech = useRef<SpeechQueue | null>(null);
  const announcer = useRef<AnnouncerState>(initialAnnouncer);
  const seen = useRef<DisplayCall[]>([]);

  useEffect(() => {
    speech.current ??= new SpeechQueue({ speaker: browserSpeaker(), onBlocked: setBlocked });
  }, []);

  // Each poll: say what is new, and remember calls that have since left the feed (served) as history.
  const { data, error } = usePoll(
    async (signal) => {
      const feed = await apiRequest(queueRoutes.hallDisplay, HallDisplayFeed, { params: { hallId }, signal });
      const out = announce(
        announcer.current,
        feed.calls.map((c) => toAnnounceable(feed.serviceDay, c)),
      );
      announcer.current = out.state;
      for (const a of out.say) speech.current?.enqueue(a.text);
      const byNumber = new Map(seen.current.map((c) => [c.number, c]));
      for (const c of feed.calls) byNumber.set(c.number, c);
      seen.current = [...byNumber.values()]
        .sort((a, b) => b.calledAt.localeCompare(a.calledAt))
        .slice(0, HISTORY_LENGTH * 2);
      return { feed, history: seen.current };
    },
    DISPLAY_POLL_MS,
    hallId,
  );

  const feed = data?.feed;
  const history = data?.history ?? [];
  const latest = feed?.calls[0] ?? history[0];
  const others = (feed?.calls ?? []).slice(1, 5);
  const shownNumbers = new Set([latest?.number, ...others.map((c) => c.number)]);
  const past = history.filter((c) => !shownNumbers.has(c.number)).slice(0, HISTORY_LENGTH);

  return (
    <main className="display" onClick={() => speech.current?.resume()}>
      <header className="display-top">
        <h1>{feed?.hallName ?? '服务大厅'}</h1>
        <p className="display-clock">{clock(feed?.asOf)}</p>
      </header>
      {blocked && (
        <p className="display-banner" role="alert">
          语音播报未开启：请点击屏幕一次
        </p>
      )}
      <section className="display-main" aria-live="polite">
        {latest ? (
          // Keyed by call and recall, so a new call or a recall remounts and flashes.
          <div className="display-latest" data-testid="display-latest" key={`${latest.number}#${latest.recallCount}`}>
            <span className="display-number">{latest.number}</span>
            <span className="display-arrow" aria-hidden="true">
              →
            </span>
            <span className="display-window">{latest.windowNo} 号窗口</span>
          </div>
        ) : (
          <p className="display-idle">请留意叫号，按顺序办理</p>
        )}
        {latest && (
          <p className="display-sentence">
            请 {latest.number} 号到 {latest.windowNo} 号窗口办理
          </p>
        )}
      </section>
      <section className="display-lower">
        <div className="display-panel">
          <h2>正在办理</h2>
          <ul className="display-list" data-testid="display-current">
            {others.length === 0 && <li className="display-empty">—</li>}
            {others.map((c) => (
              <li key={c.number}>
                <span className="display-list-number">{c.number}</span>
                <span>{c.windowNo} 号窗口</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="display-panel">
          <h2>最近叫号</h2>
          <ul className="display-list" data-testid="display-history">
            {past.length === 0 && <li className="display-empty">—</li>}
            {past.map((c) => (
              <li key={c.number}>
                <span className="display-list-number">{c.number}</span>
                <span>{c.windowNo} 号窗口</span>
                <span className="display-time">{clock(c.calledAt)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="display-panel">
          <h2>等候人数</h2>
          <ul className="display-list" data-testid="display-waiting">
            {(feed?.waiting ?? []).map((w) => (
              <li key={w.code}>
                <span className="display-list-number display-code">{w.code}</span>
                <span>{w.name}</span>
                <span className="display-count">{w.waiting} 人</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
      {error !== null && (
        <p className="display-offline" role="status">
          {errorText(error)}
        </p>
      )}
    </main>
  );
}
