/**
 * sd_notify(3) for a Node process: READY=1, WATCHDOG=1, STATUS=… sent as datagrams to the
 * unix socket systemd names in NOTIFY_SOCKET.
 *
 * Node 20 has no unix datagram sockets (`dgram` is UDP only, `net` is stream only), and the one
 * npm binding for them (`unix-dgram`) is a NAN module compiled per Node ABI. So the host keeps
 * one long-lived `socat` child (Debian's socat, a dependency of the terminal package) that turns
 * each line we write to its stdin into one datagram on the socket. The child lives as long as
 * the host, in the host's cgroup, so systemd attributes its messages to the service
 * (`NotifyAccess=all`), and every message says MAINPID= so systemd watches the host itself, not the
 * helper. Spawning `systemd-notify` per message would race: systemd < 254 cannot attribute a
 * message whose sender has already exited. A WATCHDOG=1 still leaves only from the host's event
 * loop, so a blocked loop stops the pings exactly as an in-process sendto would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { log } from '../log';

/** The socat address for a NOTIFY_SOCKET value (`@name` is Linux's abstract namespace). */
export function socatAddress(notifySocket: string): string {
  const escape = (s: string) => s.replace(/([,:!\\])/g, '\\$1');
  return notifySocket.startsWith('@')
    ? `ABSTRACT-SENDTO:${escape(notifySocket.slice(1))}`
    : `UNIX-SENDTO:${escape(notifySocket)}`;
}

/** The watchdog interval systemd asks for (WATCHDOG_USEC, for us when WATCHDOG_PID is unset or ours), in ms. */
export function watchdogTimeoutMs(env: Record<string, string | undefined>, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 1000));
}

/** A channel to the service manager; `send` does nothing outside systemd (no NOTIFY_SOCKET). */
export interface Notifier {
  readonly active: boolean;
  send(state: Record<string, string | number>): void;
  close(): void;
}

export interface NotifierOptions {
  env?: Record<string, string | undefined>;
  /** The helper binary (default `socat` on the PATH). */
  socat?: string;
}

/** Opens the notify channel named by NOTIFY_SOCKET (inactive when there is none). */
export function openNotifier(options: NotifierOptions = {}): Notifier {
  const env = options.env ?? process.env;
  const socket = env.NOTIFY_SOCKET;
  if (!socket) return { active: false, send: () => undefined, close: () => undefined };
  let child: ChildProcess | null = null;
  let closed = false;
  const start = () => {
    // -u: one direction only; each read of stdin (one write of ours, usually one line) is one datagram.
    const helper = spawn(options.socat ?? 'socat', ['-u', 'STDIN', socatAddress(socket)], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    helper.stderr?.on('data', (data: Buffer) => log.warn('sd-notify', `socat: ${data.toString().trim()}`));
    helper.on('error', (error) => log.error('sd-notify', 'cannot start socat for NOTIFY_SOCKET', error));
    helper.stdin?.on('error', () => undefined); // An exit is reported by 'exit'.
    helper.on('exit', (code) => {
      child = null;
      if (!closed) log.warn('sd-notify', `the notify helper exited (${code}); starting it again`);
    });
    return helper;
  };
  return {
    active: true,
    send(state) {
      if (closed) return;
      child ??= start();
      // One write per message: socat sends what one read returns. Newlines separate assignments,
      // which sd_notify's format allows, so two writes coalesced into one datagram stay valid.
      const lines = Object.entries({ MAINPID: process.pid, ...state }).map(([k, v]) => `${k}=${v}`);
      child.stdin?.write(`${lines.join('\n')}\n`);
    },
    close() {
      closed = true;
      child?.stdin?.end();
      child = null;
    },
  };
}
