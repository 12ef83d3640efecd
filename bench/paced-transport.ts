// A Transport wrapper that takes as long to write as a UART at the given baud rate would
// (8N1: 10 bits a byte), so simulator benchmarks see real line time.
import type { Transport } from '../devices/transport';

/** Wraps `inner` so each write costs bytes × 10 / baud seconds before it is handed on. */
export function paced(inner: Transport, baud: number): Transport {
  let lineFreeAt = 0;
  return {
    get isOpen() {
      return inner.isOpen;
    },
    open: () => inner.open(),
    close: () => inner.close(),
    on: (event, listener) => inner.on(event, listener),
    async write(bytes) {
      const start = Math.max(performance.now(), lineFreeAt);
      lineFreeAt = start + (bytes.length * 10 * 1000) / baud;
      await sleepUntil(lineFreeAt);
      await inner.write(bytes);
    },
  };
}

async function sleepUntil(t: number): Promise<void> {
  // setTimeout has ~1 ms granularity; spin the last millisecond for an honest line time.
  const wait = t - performance.now();
  if (wait > 2) await new Promise((r) => setTimeout(r, wait - 1));
  while (performance.now() < t) await new Promise((r) => setImmediate(r));
}
