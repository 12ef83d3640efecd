import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_WS_PATH, SIM_WS_PATH, type KioskApi } from '../../contracts';
import { installKioskBridge, installSimulatorBridge } from '../../renderer/bridge/install';
import { bridgeUrl, takeSecret } from '../../renderer/bridge/secret';
import { okStatus } from './fixtures';

/** Just enough of the DOM WebSocket for the bridge's browserSocket. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.();
  }
}

beforeEach(() => {
  FakeWebSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  sessionStorage.clear();
  Reflect.deleteProperty(window, 'kiosk');
  Reflect.deleteProperty(window, 'kioskSimulator');
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the secret', () => {
  it('is taken from the hash, removed from the address bar, and kept for a reload', () => {
    window.history.replaceState(null, '', '/index.html?x=1#secret=abc123');
    expect(takeSecret(window)).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/index.html?x=1');
    expect(takeSecret(window)).toBe('abc123'); // the reload
  });

  it('keeps other hash parameters', () => {
    window.history.replaceState(null, '', '/#secret=abc&view=2');
    expect(takeSecret(window)).toBe('abc');
    expect(window.location.hash).toBe('#view=2');
  });

  it('builds the socket URL on the page host, wss on https', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8123' }, KIOSK_WS_PATH, 'a b')).toBe(
      'ws://127.0.0.1:8123/kiosk-ws?secret=a%20b',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'kiosk.local' }, SIM_WS_PATH, 's')).toBe(
      'wss://kiosk.local/sim-ws?secret=s',
    );
  });
});

describe('installing window.kiosk', () => {
  it('connects to KIOSK_WS_PATH with the secret and carries calls over the socket', async () => {
    window.history.replaceState(null, '', '/#secret=s3cret');
    installKioskBridge(window);
    const ws = FakeWebSocket.instances[0]!;
    expect(ws.url).toBe(`ws://${window.location.host}${KIOSK_WS_PATH}?secret=s3cret`);
    const status = window.kiosk.getStatus({});
    ws.onopen?.();
    const call = JSON.parse(ws.sent[0]!) as { id: number; method: string };
    expect(call.method).toBe('getStatus');
    ws.onmessage?.({ data: JSON.stringify({ type: 'reply', id: call.id, reply: { ok: true, value: okStatus } }) });
    await expect(status).resolves.toEqual(okStatus);
  });

  it('leaves a preload-defined window.kiosk alone', () => {
    const preload = { on: () => () => undefined } as unknown as KioskApi;
    window.kiosk = preload;
    window.history.replaceState(null, '', '/#secret=s3cret');
    installKioskBridge(window);
    expect(window.kiosk).toBe(preload);
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(window.location.hash).toBe('#secret=s3cret'); // not its business
  });

  it('without a secret, opens nothing and every call fails with unauthorized', async () => {
    installKioskBridge(window);
    expect(FakeWebSocket.instances).toHaveLength(0);
    await expect(window.kiosk.getStatus({})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('the simulator page connects to SIM_WS_PATH with the same secret', () => {
    window.history.replaceState(null, '', '/simulator.html#secret=s3cret');
    installSimulatorBridge(window);
    expect(FakeWebSocket.instances[0]!.url).toBe(`ws://${window.location.host}${SIM_WS_PATH}?secret=s3cret`);
    expect(typeof window.kioskSimulator.insertIdCard).toBe('function');
  });
});
