// Staff commands are delivered until acked: each runs once, a failed ack is retried with the first result.
import { describe, expect, it } from 'vitest';
import { KioskError, type AckCommandRequest, type TerminalCommand } from '../../contracts';
import { CommandPoller } from '../../host/fleet/command-poller';

process.env.KIOSK_LOG = 'silent';

const restart: TerminalCommand = {
  commandId: '11111111-1111-4111-8111-111111111111',
  kind: 'restartApp',
  device: null,
  issuedAt: '2026-11-23T08:00:00Z',
  expiresAt: '2026-11-23T08:10:00Z',
};

describe('command poller', () => {
  it('runs a redelivered command once, acks it every time, and restarts only after an ack got through', async () => {
    const acks: Array<[string, AckCommandRequest]> = [];
    let failAcks = 1;
    let runs = 0;
    let restarts = 0;
    const poller = new CommandPoller({
      client: {
        commands: async () => [restart],
        ack: async (id, body) => {
          acks.push([id, body]);
          if (failAcks-- > 0) throw new KioskError('serverUnreachable');
          return { commandId: id, result: body.result, ackedAt: '2026-11-23T08:00:01Z' };
        },
      },
      execute: async () => {
        runs++;
        return { result: 'done', afterAck: () => restarts++ };
      },
    });
    await expect(poller.pollOnce()).rejects.toThrow();
    expect(restarts).toBe(0); // not acked yet: a restart now would bring the command back after it
    await poller.pollOnce();
    await poller.pollOnce();
    expect(runs).toBe(1);
    expect(restarts).toBe(1);
    expect(acks.map(([, b]) => b.result)).toEqual(['done', 'done', 'done']);
  });

  it('acks a command that throws as failed with its code, never its message', async () => {
    const acks: AckCommandRequest[] = [];
    const poller = new CommandPoller({
      client: {
        commands: async () => [{ ...restart, kind: 'resetDevice', device: 'qrScanner' }],
        ack: async (id, body) => {
          acks.push(body);
          return { commandId: id, result: body.result, ackedAt: '2026-11-23T08:00:01Z' };
        },
      },
      execute: async () => {
        throw new KioskError('deviceFailed', 'secret 110101196803150016');
      },
    });
    await poller.pollOnce();
    expect(acks).toEqual([{ result: 'failed', detail: 'deviceFailed' }]);
  });
});
