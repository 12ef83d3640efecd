/**
 * The host service under a test NOTIFY_SOCKET: a real datagram socket (socat receiving), the host
 * started as systemd would start it (tsx, the service entry), READY=1 after devices and the hall
 * link, WATCHDOG=1 at half of WATCHDOG_USEC, and no pings while its event loop is blocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socatAddress, watchdogTimeoutMs } from '../../host/service/sd-notify';
import { startServiceWatchdog } from '../../host/service/watchdog';

const root = path.resolve(import.meta.dirname, '../..');
interface Datagram {
  at: number;
  fields: Record<string, string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('sd_notify helpers', () => {
  it('addresses path and abstract sockets, and reads WATCHDOG_USEC for this process only', () => {
    expect(socatAddress('/run/systemd/notify')).toBe('UNIX-SENDTO:/run/systemd/notify');
    expect(socatAddress('@/org/freedesktop/systemd1/notify/1')).toBe(
      'ABSTRACT-SENDTO:/org/freedesktop/systemd1/notify/1',
    );
    expect(socatAddress('/tmp/a,b:c')).toBe('UNIX-SENDTO:/tmp/a\\,b\\:c');
    expect(watchdogTimeoutMs({ WATCHDOG_USEC: '30000000' })).toBe(30_000);
    expect(watchdogTimeoutMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' }, 2)).toBeNull();
    expect(watchdogTimeoutMs({})).toBeNull();
  });

  it('pings only while the device manager answers', async () => {
    const sent: unknown[] = [];
    let healthy = true;
    const stop = startServiceWatchdog({
      notifier: { send: (s) => sent.push(s) },
      timeoutMs: 200,
      healthy: () => healthy,
    });
    await waitFor(() => sent.length >= 2, 3000);
    healthy = false;
    const before = sent.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(sent.length).toBe(before);
    stop();
  });
});

describe('the host service under a test NOTIFY_SOCKET', () => {
  let dir: string;
  let receiver: ChildProcess;
  let service: ChildProcess;
  const datagrams: Datagram[] = [];
  let startedAt = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-service-'));
    const socket = path.join(dir, 'notify');
    // The service manager's end: one datagram socket; socat prints each datagram it receives.
    receiver = spawn('socat', ['-u', `UNIX-RECV:${socket}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    receiver.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      // Every message of ours ends with a newline; one message is MAINPID=… plus its fields.
      const messages = pending.split(/\n(?=MAINPID=)/);
      pending = messages.pop()!;
      for (const m of messages) datagrams.push(parse(m));
      if (pending.endsWith('\n')) {
        datagrams.push(parse(pending));
        pending = '';
      }
    });
    await waitFor(() => existsSync(socket), 5000);
    const config = path.join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        terminalId: 'T-0101',
        terminalSecret: 'abcdefghijklmnopqrstuvwx-secret',
        hallServerUrl: 'http://127.0.0.1:9/', // nobody there: the kiosk still comes up, offline
        devices: { idCardReader: { kind: 'simulator' }, receiptPrinter: { kind: 'simulator' } },
      }),
    );
    startedAt = Date.now();
    service = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './tests/host/fixtures/block-on-signal.mjs', 'host/service/main.ts'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          NOTIFY_SOCKET: socket,
          WATCHDOG_USEC: '1000000', // 1 s: pings every 500 ms
          KIOSK_CONFIG: config,
          KIOSK_DATA_DIR: path.join(dir, 'data'),
          KIOSK_SECRET_FILE: path.join(dir, 'run/browser-secret'),
          KIOSK_BROWSER_UID: String(process.getuid!()),
          KIOSK_BROWSER_PORT: String(await freePort()),
          KIOSK_RENDERER_DIR: path.join(root, 'dist/renderer'),
          KIOSK_LOG: 'silent',
          KIOSK_TEST_BLOCK_MS: '3000',
        },
      },
    );
  });

  afterAll(async () => {
    service?.kill('SIGTERM');
    await new Promise((r) => (service.exitCode !== null ? r(null) : service.once('exit', r)));
    receiver?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says READY=1 once devices and the hall link are up, naming the host as MAINPID', async () => {
    await waitFor(() => datagrams.some((d) => d.fields.READY === '1'), 25_000);
    const ready = datagrams.find((d) => d.fields.READY === '1')!;
    expect(ready.fields.MAINPID).toBe(String(service.pid));
    expect(ready.fields.STATUS).toMatch(/serving http:\/\/127\.0\.0\.1:\d+\/launch; hall server not reachable/);
    console.log(`READY=1 ${ready.at - startedAt} ms after spawn (tsx, loaded machine)`);
  });

  it('pings WATCHDOG=1 every half period, and not while its event loop is blocked', async () => {
    const pings = () => datagrams.filter((d) => d.fields.WATCHDOG === '1');
    const from = pings().length;
    await waitFor(() => pings().length >= from + 3, 5000);
    const blockedAt = Date.now();
    service.kill('SIGUSR2'); // 3 s busy loop in the host's event loop
    await new Promise((r) => setTimeout(r, 3500));
    const during = pings().filter((d) => d.at > blockedAt + 200 && d.at < blockedAt + 2900);
    expect(during).toEqual([]);
    // And it comes back by itself once the loop is free.
    const after = pings().length;
    await waitFor(() => pings().length >= after + 2, 5000);
    expect(pings().every((d) => d.fields.MAINPID === String(service.pid))).toBe(true);
  });
});

function parse(text: string): Datagram {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) fields[line.slice(0, i)] = line.slice(i + 1);
  }
  return { at: Date.now(), fields };
}
