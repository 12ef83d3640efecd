/**
 * The queue at a window: choose the window and categories, call the next ticket, and recall,
 * skip or finish the ticket at this window. Below, the whole hall's queue per category.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { CallNextResponse, StaffQueueView, type StaffTicket, queueRoutes } from '../../../../contracts/queue';
import { ApiError, apiRequest, errorText } from '../shared/api';
import { clock } from '../shared/time';
import { usePoll } from '../shared/use-poll';

const QUEUE_POLL_MS = 2_000;
const WINDOW_KEY = 'hall-staff-window';
const CATEGORIES_KEY = 'hall-staff-categories';

const statusName: Record<StaffTicket['status'], string> = {
  waiting: '等候中',
  called: '已叫号',
  served: '已办结',
  skipped: '已过号',
};

function storedWindow(): number {
  const n = Number(localStorage.getItem(WINDOW_KEY));
  return Number.isInteger(n) && n >= 1 && n <= 999 ? n : 1;
}

function storedCategories(): string[] | null {
  const raw = localStorage.getItem(CATEGORIES_KEY);
  return raw ? raw.split(',').filter((c) => /^[A-Z]$/.test(c)) : null;
}

export function QueuePanel({ token, onUnauthorized }: { token: string; onUnauthorized: () => void }) {
  const { data, error, refresh } = usePoll(
    (signal) => apiRequest(queueRoutes.staffQueue, StaffQueueView, { token, signal }),
    QUEUE_POLL_MS,
    token,
  );
  const [windowNo, setWindowNo] = useState(storedWindow);
  const [chosen, setChosen] = useState<string[] | null>(storedCategories);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (error instanceof ApiError && error.code === 'unauthorized') onUnauthorized();
  }, [error, onUnauthorized]);

  const categories = data?.categories ?? [];
  const selected = chosen ?? categories.map((c) => c.code);
  const atMyWindow = (data?.called ?? []).filter((t) => t.windowNo === windowNo);
  const current = atMyWindow[0] ?? null;

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await run(), error: false });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'unauthorized') onUnauthorized();
      setMessage({ text: errorText(e), error: true });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const callNext = () =>
    act(async () => {
      const r = await apiRequest(queueRoutes.staffCallNext, CallNextResponse, {
        token,
        body: { windowNo, categoryCodes: selected },
      });
      return r.ticket ? `已叫 ${r.ticket.number} 到 ${windowNo} 号窗口` : '所选业务没有等候的号';
    });

  const onTicket = (route: { method: string; path: string }, ticket: StaffTicket, done: string) =>
    act(async () => {
      await apiRequest(route, z.unknown(), {
        token,
        params: { ticketId: ticket.ticketId },
      });
      return `${ticket.number} ${done}`;
    });

  const toggle = (code: string) => {
    const next = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code].sort();
    setChosen(next);
    localStorage.setItem(CATEGORIES_KEY, next.join(','));
  };

  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <h2 id="queue-title">叫号</h2>
      <div className="window-bar">
        <label className="window-choice">
          窗口号
          <input
            type="number"
            min={1}
            max={999}
            value={windowNo}
            data-testid="window-no"
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 999) {
                setWindowNo(n);
                localStorage.setItem(WINDOW_KEY, String(n));
              }
            }}
          />
        </label>
        <fieldset className="category-choice">
          <legend>办理业务</legend>
          {categories.map((c) => (
            <label key={c.code}>
              <input type="checkbox" checked={selected.includes(c.code)} onChange={() => toggle(c.code)} />
              {c.code} {c.name}
            </label>
          ))}
        </fieldset>
      </div>

      <div className="my-window" data-testid="my-window">
        <div className="my-window-ticket">
          <p className="muted">{windowNo} 号窗口当前</p>
          <p className="my-number" data-testid="current-ticket">
            {current ? current.number : '—'}
          </p>
          {current && (
            <p className="muted">
              叫号 {clock(current.calledAt)}
              {current.recallCount > 0 ? `，已重呼 ${current.recallCount} 次` : ''}
            </p>
          )}
        </div>
        <div className="my-window-actions">
          <button
            type="button"
            className="btn btn-primary btn-big"
            disabled={busy || selected.length === 0}
            onClick={callNext}
          >
            叫号
          </button>
          <div className="my-window-ticket-actions">
            <button
              type="button"
              className="btn"
              disabled={busy || !current}
              onClick={() => current && onTicket(queueRoutes.staffRecall, current, '已重呼')}
            >
              重呼
            </button>
            <button
              type="button"
              className="btn btn-warn"
              disabled={busy || !current}
              onClick={() => current && onTicket(queueRoutes.staffSkip, current, '已过号')}
            >
              过号
            </button>
            <button
              type="button"
              className="btn btn-ok"
              disabled={busy || !current}
              onClick={() => current && onTicket(queueRoutes.staffServe, current, '已办结')}
            >
              办结
            </button>
          </div>
        </div>
      </div>
      {atMyWindow.length > 1 && (
        <div className="earlier-calls" data-testid="earlier-calls">
          <p>本窗口还有已叫号、未办结的：</p>
          <ul>
            {atMyWindow.slice(1).map((t) => (
              <li key={t.ticketId}>
                <span className="ticket-number">{t.number}</span>
                <span className="muted">叫号 {clock(t.calledAt)}</span>
                <button
                  type="button"
                  className="btn btn-ok btn-small"
                  disabled={busy}
                  onClick={() => onTicket(queueRoutes.staffServe, t, '已办结')}
                >
                  办结 {t.number}
                </button>
                <button
                  type="button"
                  className="btn btn-warn btn-small"
                  disabled={busy}
                  onClick={() => onTicket(queueRoutes.staffSkip, t, '已过号')}
                >
                  过号 {t.number}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className={message?.error ? 'form-error' : 'form-note'} role="status" data-testid="queue-message">
        {message?.text ?? (error ? errorText(error) : '\u00a0')}
      </p>

      <table className="table" data-testid="categories">
        <caption>各业务等候情况{data ? `（${data.serviceDay}）` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">业务</th>
            <th scope="col">等候人数</th>
            <th scope="col">预计等待</th>
            <th scope="col">正在办理</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => {
            const calls = (data?.called ?? []).filter((t) => t.categoryCode === c.code);
            return (
              <tr key={c.code}>
                <td>
                  {c.code} {c.name}
                </td>
                <td className="num">{c.waiting}</td>
                <td className="num">{c.estimatedWaitMin} 分钟</td>
                <td>{calls.map((t) => `${t.number}→${t.windowNo}号`).join('，') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="queue-lists">
        <TicketList title="等候中" tickets={(data?.waiting ?? []).slice(0, 12)} testId="waiting-list" />
        <TicketList title="最近办结 / 过号" tickets={(data?.finished ?? []).slice(0, 12)} testId="finished-list" />
      </div>
    </section>
  );
}

function TicketList({ title, tickets, testId }: { title: string; tickets: StaffTicket[]; testId: string }) {
  return (
    <div>
      <h3>{title}</h3>
      <ul className="ticket-list" data-testid={testId}>
        {tickets.length === 0 && <li className="muted">无</li>}
        {tickets.map((t) => (
          <li key={t.ticketId}>
            <span className="ticket-number">{t.number}</span>
            <span>{statusName[t.status]}</span>
            <span className="muted">
              {t.windowNo ? `${t.windowNo}号窗口 ` : ''}
              {clock(t.finishedAt ?? t.issuedAt)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
