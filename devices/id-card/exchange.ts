// One request at a time over a Transport: write a command frame, wait for the next
// response frame or the deadline. The reader answers strictly in turn and its
// responses do not name their command, so overlapping requests would be ambiguous.
import type { Unsubscribe } from '../emitter';
import type { Transport } from '../transport';
import { parseResponse, type IdCardResponse } from './commands';
import { FrameDecoder } from './decoder';
import { IdCardError, fail, succeed, type IdCardResult } from './errors';

interface Pending {
  settle(result: IdCardResult<IdCardResponse>): void;
  /** A damaged frame seen while waiting; reported if nothing better arrives in time. */
  damaged?: IdCardError;
}

/** Serialises command/response pairs over a transport. */
export class CommandExchange {
  private readonly decoder = new FrameDecoder();
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: Unsubscribe[];

  constructor(private readonly transport: Transport) {
    this.unsubscribe = [
      transport.on('data', (chunk) => this.onData(chunk)),
      transport.on('close', (cause) =>
        this.settle(fail(new IdCardError('transportClosed', 'the reader connection closed', { cause }))),
      ),
    ];
  }

  /** Sends one command frame after every earlier one has finished; never rejects. */
  request(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<IdCardResult<IdCardResponse>> {
    const run = this.queue.then(() => this.run(frame, timeoutMs, signal));
    this.queue = run;
    return run;
  }

  /** Stops listening to the transport and fails a request in flight. */
  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.settle(fail(new IdCardError('stopped', 'the reader driver was disposed')));
  }

  private run(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<IdCardResult<IdCardResponse>> {
    if (signal?.aborted) return Promise.resolve(fail(new IdCardError('stopped', 'request cancelled')));
    if (!this.transport.isOpen) return Promise.resolve(fail(new IdCardError('notOpen', 'the reader is not connected')));
    return new Promise((resolve) => {
      const onAbort = () => this.settle(fail(new IdCardError('stopped', 'request cancelled')));
      const timer = setTimeout(
        () =>
          this.settle(fail(this.pending?.damaged ?? new IdCardError('timeout', `no response within ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.pending = {
        settle: (result) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.pending = null;
          resolve(result);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Bytes before our command cannot be its answer (e.g. a late answer to a timed-out one).
      this.decoder.reset();
      this.transport.write(frame).catch((cause: unknown) => {
        this.settle(fail(new IdCardError('writeFailed', 'could not send the command to the reader', { cause })));
      });
    });
  }

  private settle(result: IdCardResult<IdCardResponse>): void {
    this.pending?.settle(result);
  }

  private onData(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      // With nothing pending, frames and noise belong to no request: a late answer
      // or line noise on an idle line. Dropping them is the protocol's only option.
      if (!this.pending) continue;
      if (item.kind === 'frame') {
        const response = parseResponse(item.payload);
        this.settle(
          response
            ? succeed(response)
            : fail(new IdCardError('malformedResponse', `response payload of ${item.payload.length} bytes`)),
        );
      } else if (item.error.code === 'badChecksum') {
        // Our answer damaged on the wire, or noise shaped like a frame ahead of it.
        // Settling now would let the real answer, if it follows, be taken for the
        // answer to the next command; so wait out the deadline and report the damage then.
        this.pending.damaged ??= item.error;
      }
      // Skipped garbage and impossible lengths: keep waiting, the decoder resyncs.
    }
  }
}
