import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError, kioskEvents, kioskMethods, type TerminalStatus } from '../../contracts';
import { createKioskApi } from '../../renderer/bridge/kiosk-api';
import { createRpcClient } from '../../renderer/bridge/rpc-client';
import type { SocketFactory, SocketHandlers } from '../../renderer/bridge/socket';
import { okStatus, sessionView } from './fixtures';

/** A socket the test drives: what the client sent, and the server's side of the conversation. */
function fakeSockets() {
  const sockets: Array<{ url: string; sent: string[]; closed: boolean; h: SocketHandlers }> = [];
  const factory: SocketFactory = (url, h) => {
    const s = { url, sent: [] as string[], closed: false, h };
    sockets.push(s);
    return { send: (d) => void s.sent.push(d), close: () => void (s.closed = true) };
  };
  const last = () => sockets.at(-1)!;
  return {
    sockets,
    factory,
    last,
    open: () => last().h.onOpen(),
    drop: () => last().h.onClose(),
    receive: (message: unknown) => last().h.onMessage(typeof message === 'string' ? message : JSON.stringify(message)),
    sentCalls: () =>
      last().sent.map((d) => JSON.parse(d) as { type: string; id: number; method: string; params: unknown }),
  };
}

function setup(options: { callTimeoutMs?: number } = {}) {
  const net = fakeSockets();
  const client = createRpcClient({
    url: 'ws://127.0.0.1:1234/kiosk-ws?secret=s3cret',
    methods: kioskMethods,
    events: kioskEvents,
    createSocket: net.factory,
    ...options,
  });
  return { net, client, kiosk: createKioskApi(client) };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('calls', () => {
  it('queues calls until the socket opens, numbers them, and matches replies by id in any order', async () => {
    const { net, kiosk } = setup();
    const status = kiosk.getStatus({});
    const session = kiosk.getSession({});
    expect(net.last().sent).toHaveLength(0);
    net.open();
    expect(net.sentCalls()).toEqual([
      { type: 'call', id: 1, method: 'getStatus', params: {} },
      { type: 'call', id: 2, method: 'getSession', params: {} },
    ]);
    net.receive({ type: 'reply', id: 2, reply: { ok: true, value: sessionView() } });
    net.receive({ type: 'reply', id: 1, reply: { ok: true, value: okStatus } });
    await expect(status).resolves.toEqual(okStatus);
    await expect(session).resolves.toEqual(sessionView());
  });

  it('rejects with a KioskError carrying the code of an error reply', async () => {
    const { net, kiosk } = setup();
    net.open();
    const summary = kiosk.getSummary({});
    net.receive({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'noSession', message: 'no session' } } });
    await expect(summary).rejects.toBeInstanceOf(KioskError);
    await expect(summary).rejects.toMatchObject({ code: 'noSession' });
  });

  it('rejects a result that does not match the method schema with code internal', async () => {
    const { net, kiosk } = setup();
    net.open();
    const status = kiosk.getStatus({});
    net.receive({ type: 'reply', id: 1, reply: { ok: true, value: { terminalId: 42 } } });
    await expect(status).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses bad params without sending anything', async () => {
    const { net, kiosk } = setup();
    net.open();
    // @ts-expect-error: the contract allows only reason 'exit'
    await expect(kiosk.endSession({ reason: 'timeout' })).rejects.toMatchObject({ code: 'invalidRequest' });
    expect(net.last().sent).toHaveLength(0);
  });

  it('fails a call that gets no reply in time', async () => {
    const { net, kiosk } = setup({ callTimeoutMs: 1_000 });
    net.open();
    const status = kiosk.getStatus({});
    const caught = status.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await caught).toMatchObject({ code: 'serverUnreachable' });
  });
});

describe('incoming messages', () => {
  it('ignores malformed messages and still handles the good ones after them', async () => {
    const { net, kiosk } = setup();
    net.open();
    const seen: TerminalStatus[] = [];
    kiosk.on('statusChanged', (s) => seen.push(s));
    const status = kiosk.getStatus({});
    net.receive('not json{');
    net.receive({ type: 'reply', id: 'one', reply: { ok: true, value: okStatus } });
    net.receive({ type: 'reply', id: 1, reply: { ok: 'yes' } });
    net.receive({ type: 'reply', id: 99, reply: { ok: true, value: okStatus } }); // nobody asked
    net.receive({ type: 'event', event: 'statusChanged', payload: { inService: 'maybe' } });
    net.receive({ type: 'event', event: 'noSuchEvent', payload: {} });
    net.receive({ type: 'event', event: '__proto__', payload: {} });
    net.receive({ type: 'bogus' });
    net.last().h.onMessage(new ArrayBuffer(4));
    expect(seen).toEqual([]);
    net.receive({ type: 'event', event: 'statusChanged', payload: okStatus });
    net.receive({ type: 'reply', id: 1, reply: { ok: true, value: okStatus } });
    expect(seen).toEqual([okStatus]);
    await expect(status).resolves.toEqual(okStatus);
  });

  it('dispatches events to every listener until it unsubscribes', () => {
    const { net, kiosk } = setup();
    net.open();
    const a = vi.fn();
    const b = vi.fn();
    const offA = kiosk.on('cardProblem', a);
    kiosk.on('cardProblem', b);
    net.receive({ type: 'event', event: 'cardProblem', payload: { code: 'personNotFound' } });
    offA();
    net.receive({ type: 'event', event: 'cardProblem', payload: { code: 'cardInvalid' } });
    expect(a.mock.calls).toEqual([[{ code: 'personNotFound' }]]);
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('a listener that throws does not stop the others', () => {
    const { net, kiosk } = setup();
    net.open();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    kiosk.on('cardProblem', () => {
      throw new Error('boom');
    });
    kiosk.on('cardProblem', after);
    net.receive({ type: 'event', event: 'cardProblem', payload: { code: 'internal' } });
    expect(after).toHaveBeenCalledOnce();
    expect(console.error).toHaveBeenCalled();
  });
});

describe('reconnecting', () => {
  it('fails pending calls with serverUnreachable when the socket drops, then reconnects with backoff', async () => {
    const { net, kiosk } = setup();
    net.open();
    const pending = kiosk.getSummary({}).catch((e: unknown) => e);
    const events = vi.fn();
    kiosk.on('sessionChanged', events);
    net.drop();
    expect(await pending).toMatchObject({ code: 'serverUnreachable' });
    // While waiting to reconnect, calls fail at once instead of hanging.
    await expect(kiosk.getStatus({})).rejects.toMatchObject({ code: 'serverUnreachable' });
    expect(events).not.toHaveBeenCalled(); // nothing made up

    expect(net.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(net.sockets).toHaveLength(2);
    expect(net.last().url).toBe('ws://127.0.0.1:1234/kiosk-ws?secret=s3cret');

    // The second attempt fails too: the wait doubles.
    net.drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(net.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.sockets).toHaveLength(3);

    net.open();
    const status = kiosk.getStatus({});
    const [call] = net.sentCalls();
    net.receive({ type: 'reply', id: call!.id, reply: { ok: true, value: okStatus } });
    await expect(status).resolves.toEqual(okStatus);
    net.receive({ type: 'event', event: 'sessionChanged', payload: { session: null, endReason: 'timeout' } });
    expect(events).toHaveBeenCalledWith({ session: null, endReason: 'timeout' });
  });

  it('ignores anything the old socket says after it was replaced', async () => {
    const { net, kiosk } = setup();
    net.open();
    const old = net.last();
    net.drop();
    await vi.advanceTimersByTimeAsync(500);
    net.open();
    const events = vi.fn();
    kiosk.on('cardProblem', events);
    old.h.onMessage(JSON.stringify({ type: 'event', event: 'cardProblem', payload: { code: 'internal' } }));
    old.h.onClose();
    expect(events).not.toHaveBeenCalled();
    expect(net.sockets).toHaveLength(2);
  });

  it('close() stops for good and fails what is pending', async () => {
    const { net, client, kiosk } = setup();
    net.open();
    const pending = kiosk.getStatus({}).catch((e: unknown) => e);
    client.close();
    expect(net.last().closed).toBe(true);
    expect(await pending).toMatchObject({ code: 'serverUnreachable' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.sockets).toHaveLength(1);
    await settle();
  });
});
