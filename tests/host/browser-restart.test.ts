// A staff restart in browser mode: the host process builds a fresh host (devices, session, polls)
// behind the same loopback address and secret; the page's connection reaches the new host.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KIOSK_WS_PATH, type KioskReply } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { startHallServer, type HallServer } from '../../server';
import { demoStaffCredentials } from '../../server/seed/hall';

process.env.KIOSK_LOG = 'silent';

const SECRET = 'restart-secret-0123456789abcdef';
let hall: HallServer;
let running: RunningHost;
let ws: WebSocket;
const events: string[] = [];
const replies = new Map<number, (r: KioskReply) => void>();
let nextId = 1;

function call(method: string, params: object = {}): Promise<KioskReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    replies.set(id, resolve);
    ws.send(JSON.stringify({ type: 'call', id, method, params }));
  });
}

beforeAll(async () => {
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-RS-01' });
  const dir = mkdtempSync(path.join(tmpdir(), 'renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-RS-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: dir,
    browserMode: true,
    secret: SECRET,
  });
  const origin = new URL(running.web!.kioskUrl).origin;
  ws = new WebSocket(`${origin.replace('http', 'ws')}${KIOSK_WS_PATH}?secret=${SECRET}`, { origin });
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; id?: number; reply?: KioskReply; event?: string };
    if (msg.type === 'reply') replies.get(msg.id!)?.(msg.reply!);
    else events.push(msg.event!);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
}, 60_000);
afterAll(async () => {
  ws?.close();
  await running?.stop();
  await hall?.close();
});

describe('restart in browser mode', () => {
  it('a staff restart builds a new host behind the same page connection', async () => {
    const before = running.host;
    const signIn = await call('staffSignIn', { staffId: 'S003', pin: demoStaffCredentials.S003!.pin });
    expect(signIn.ok).toBe(true);
    expect(await call('restartApp')).toEqual({ ok: true, value: null });
    const deadline = Date.now() + 20_000;
    while ((running.host === before || !events.includes('appRestarting')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(running.host).not.toBe(before);
    const restartedAt = events.lastIndexOf('appRestarting');
    expect(restartedAt).toBeGreaterThanOrEqual(0);

    // The same connection now talks to the new host: it knows its hall, and nobody is signed in.
    let status: KioskReply = await call('getStatus');
    while (!(status.ok && (status.value as { serverReachable: boolean }).serverReachable) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = await call('getStatus');
    }
    expect(status).toMatchObject({ ok: true, value: { terminalId: 'KIOSK-RS-01', serverReachable: true } });
    expect(await call('maintenanceStatus')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Its events reach the page too.
    expect(events.slice(restartedAt + 1)).toContain('statusChanged');
  });
});
