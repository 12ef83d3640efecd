/**
 * Staff commands from the hall server: a long-poll loop that runs each command once and acks it.
 * The server delivers a command again until it is acked, so a command already run (or running)
 * is only acked again with its first result, never run twice. A restart is acked before it
 * happens, or it would come back after the restart and restart the terminal again.
 */
import { type AckCommandRequest, type TerminalCommand, storableText } from '../../contracts';
import { log } from '../log';
import type { FleetClient } from './fleet-client';
import { remember } from '../bounded-map';

/** What running a command came to. */
export type CommandOutcome = AckCommandRequest & { afterAck?: () => void };

export interface CommandPollerOptions {
  client: Pick<FleetClient, 'commands' | 'ack'>;
  /** Runs one command; a thrown error is acked as `failed` with its code. */
  execute(command: TerminalCommand): Promise<CommandOutcome>;
  /** How long the server may hold a poll (default 20 s). */
  waitMs?: number;
  /** Pause after a failed poll (default 2 s). */
  retryMs?: number;
  /** A fault worth showing on the maintenance screen. */
  onError?(code: string): void;
}

/** Polls between `start()` and `stop()`. */
export class CommandPoller {
  private running = false;
  private stopped = false;
  /** Bumped by each start, so a loop left waiting on a poll from before a stop ends by itself. */
  private generation = 0;
  /** commandId → the outcome already reached (kept for the process's life; a few per day). */
  private readonly done = new Map<string, CommandOutcome>();
  private wake: (() => void) | null = null;

  constructor(private readonly options: CommandPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    void this.run(++this.generation);
  }

  /** Stops after the poll in flight (its answer is dropped; undelivered acks come back later). */
  stop(): void {
    this.running = false;
    this.stopped = true;
    this.wake?.();
  }

  /** Whether a command has already been run here. */
  hasRun(commandId: string): boolean {
    return this.done.has(commandId);
  }

  /** One poll: runs what is new, acks everything received. */
  async pollOnce(waitMs = 0): Promise<void> {
    const commands = await this.options.client.commands(waitMs);
    for (const command of commands) {
      if (this.stopped) return;
      await this.handle(command);
    }
  }

  private async run(generation: number): Promise<void> {
    while (this.running && generation === this.generation) {
      try {
        await this.pollOnce(this.options.waitMs ?? 20_000);
      } catch (error) {
        log.warn('fleet', 'polling for staff commands failed', error);
        this.options.onError?.(errorCode(error, 'commandPollFailed'));
        await this.pause(this.options.retryMs ?? 2_000);
      }
    }
  }

  private async handle(command: TerminalCommand): Promise<void> {
    let outcome = this.done.get(command.commandId);
    if (!outcome) {
      try {
        outcome = await this.options.execute(command);
      } catch (error) {
        outcome = { result: 'failed', detail: errorCode(error, 'failed') };
      }
      // A redelivered command (its ack was lost) is answered from here, not run again; staff send a
      // few commands a day, so the latest 200 cover any redelivery without growing for months.
      remember(this.done, command.commandId, outcome, 200);
      log.info('fleet', `command ${command.kind} ${outcome.result}`);
    }
    // An ack that fails is sent again on the next delivery; the command is not run again.
    const detail = outcome.detail == null ? null : storableText(outcome.detail, 200);
    await this.options.client.ack(command.commandId, { result: outcome.result, detail });
    const after = outcome.afterAck;
    outcome.afterAck = undefined;
    after?.();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function errorCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown; reason?: unknown } | null)?.code;
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string') return reason;
  return typeof code === 'string' ? code : fallback;
}
