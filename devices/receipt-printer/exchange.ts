// The conversation with the printer: status queries (four DLE EOT answers, in
// order), buffer clears (37 25 00) and process ID confirmations (37 22 id 00), over
// one transport. Queries and writes run one at a time, so each answer is matched to
// the query that drew it; process IDs are matched by value and may arrive any time.
import type { Unsubscribe } from '../emitter';
import type { Transport } from '../transport';
import { encodeClearBuffers, encodeStatusBatch } from './commands';
import { ReceiptPrinterError, fail, succeed, type ReceiptPrinterResult } from './errors';
import { ResponseParser } from './responses';
import { decodeStatus, type PrinterStatus } from './status';

type Waiter = { want: 'status'; count: number; bytes: number[]; damaged?: ReceiptPrinterError } | { want: 'cleared' };
type Pending = Waiter & { settle(result: ReceiptPrinterResult<number[]>): void };

/** Watches for one process ID's confirmation. */
export interface ProcessIdWatch {
  readonly confirmed: boolean;
  /** Resolves `confirmed`, `closed` (transport gone) or `waiting` after `ms`. */
  wait(ms: number): Promise<'confirmed' | 'closed' | 'waiting'>;
  dispose(): void;
}

/** Serialises queries and writes to an ESC/POS printer; never rejects. */
export class PrinterExchange {
  private readonly parser = new ResponseParser();
  private readonly subscriptions: Unsubscribe[];
  private readonly watchers = new Set<(event: 'closed' | string) => void>();
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** Answers that no query asked for (a late answer after a timeout); for diagnostics. */
  unsolicited = 0;

  constructor(private readonly transport: Transport) {
    this.subscriptions = [
      transport.on('data', (chunk) => this.onData(chunk)),
      transport.on('close', (cause) => {
        this.parser.reset();
        this.settle(fail(new ReceiptPrinterError('transportClosed', 'the printer connection closed', { cause })));
        for (const watcher of [...this.watchers]) watcher('closed');
      }),
    ];
  }

  /** Writes `before` (a job chunk, may be empty) then DLE EOT 1..4, and decodes the answers. */
  queryStatus(
    timeoutMs: number,
    before: Uint8Array = new Uint8Array(0),
    extraAnswers = 0,
  ): Promise<ReceiptPrinterResult<PrinterStatus>> {
    const batch = encodeStatusBatch();
    const bytes = new Uint8Array(before.length + batch.length);
    bytes.set(before);
    bytes.set(batch, before.length);
    const count = 4 + extraAnswers;
    return this.serial(async () => {
      const answers = await this.request(bytes, { want: 'status', count, bytes: [] }, timeoutMs);
      return answers.ok ? decodeStatus(answers.value.slice(-4)) : answers;
    });
  }

  /** Sends DLE DC4 8 and waits for the clear response. */
  clearBuffers(timeoutMs: number): Promise<ReceiptPrinterResult<void>> {
    return this.serial(async () => {
      const result = await this.request(encodeClearBuffers(), { want: 'cleared' }, timeoutMs);
      return result.ok ? succeed(undefined) : result;
    });
  }

  /** Writes bytes that draw no answer. */
  write(bytes: Uint8Array): Promise<ReceiptPrinterResult<void>> {
    return this.serial(async () => {
      if (this.disposed) return fail(new ReceiptPrinterError('stopped', 'the printer driver was disposed'));
      if (!this.transport.isOpen) return fail(new ReceiptPrinterError('notOpen', 'the printer is not connected'));
      try {
        await this.transport.write(bytes);
        return succeed(undefined);
      } catch (cause) {
        return fail(new ReceiptPrinterError('writeFailed', 'could not send to the printer', { cause }));
      }
    });
  }

  /** Starts watching for `id`'s process ID response; call before sending GS ( H. */
  watchProcessId(id: string): ProcessIdWatch {
    let confirmed = false;
    let closed = false;
    const wakers = new Set<() => void>();
    const watcher = (event: string) => {
      if (event === 'closed') closed = true;
      else if (event === id) confirmed = true;
      else return;
      for (const wake of wakers) wake();
    };
    this.watchers.add(watcher);
    return {
      get confirmed() {
        return confirmed;
      },
      wait: (ms) =>
        new Promise((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wakers.delete(done);
            resolve(confirmed ? 'confirmed' : closed ? 'closed' : 'waiting');
          };
          const timer = setTimeout(done, ms);
          wakers.add(done);
          if (confirmed || closed) done();
        }),
      dispose: () => {
        this.watchers.delete(watcher);
        for (const wake of wakers) wake();
      },
    };
  }

  /** Stops listening and fails a request in flight. */
  dispose(): void {
    this.disposed = true;
    for (const off of this.subscriptions) off();
    this.settle(fail(new ReceiptPrinterError('stopped', 'the printer driver was disposed')));
    for (const watcher of [...this.watchers]) watcher('closed');
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private request(bytes: Uint8Array, waiter: Waiter, timeoutMs: number): Promise<ReceiptPrinterResult<number[]>> {
    if (this.disposed)
      return Promise.resolve(fail(new ReceiptPrinterError('stopped', 'the printer driver was disposed')));
    if (!this.transport.isOpen) {
      return Promise.resolve(fail(new ReceiptPrinterError('notOpen', 'the printer is not connected')));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const damaged = this.pending?.want === 'status' ? this.pending.damaged : undefined;
        this.settle(fail(damaged ?? new ReceiptPrinterError('timeout', `no answer within ${timeoutMs} ms`)));
      }, timeoutMs);
      this.pending = {
        ...waiter,
        settle: (result) => {
          clearTimeout(timer);
          this.pending = null;
          resolve(result);
        },
      };
      this.transport.write(bytes).catch((cause: unknown) => {
        this.settle(fail(new ReceiptPrinterError('writeFailed', 'could not send to the printer', { cause })));
      });
    });
  }

  private settle(result: ReceiptPrinterResult<number[]>): void {
    this.pending?.settle(result);
  }

  private onData(chunk: Uint8Array): void {
    for (const item of this.parser.push(chunk)) {
      const pending = this.pending;
      if (item.kind === 'processId') {
        for (const watcher of [...this.watchers]) watcher(item.id);
      } else if (item.kind === 'status') {
        if (pending?.want !== 'status') this.unsolicited += 1;
        else if (pending.bytes.push(item.byte) >= pending.count) this.settle(succeed(pending.bytes));
      } else if (item.kind === 'cleared') {
        if (pending?.want === 'cleared') this.settle(succeed([]));
      } else if (pending?.want === 'status') {
        // Line noise or a damaged answer: keep waiting for good bytes, report the damage if none come.
        pending.damaged ??= new ReceiptPrinterError(
          item.code,
          `byte ${item.byte.toString(16)} in the printer's answer`,
          {
            byte: item.byte,
          },
        );
      }
    }
  }
}
