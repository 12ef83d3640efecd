// Cutting a job for the wire. The driver asks for status between chunks, and a
// real-time request must not land inside a command ("ESC 3" + DLE EOT 3 is read as
// ESC 3 with n = 0x10; Citizen CT-S300 manual, DLE EOT notes), so chunks end only
// between whole commands. Each chunk also says how many status answers its own
// bytes will draw (a DLE EOT n hidden in raster data).
import { ReceiptPrinterError, fail, succeed, type ReceiptPrinterResult } from './errors';
import { RealtimeScanner } from './realtime';
import { EscPosSplitter } from './splitter';

/** A piece of a job that ends between commands. */
export interface JobChunk {
  bytes: Uint8Array;
  /** Status answers the printer will send because of DLE EOT n inside these bytes. */
  statusRequests: number;
}

/** Cuts an ESC/POS job into chunks of about `targetSize` bytes at command boundaries. */
export function chunkJob(job: Uint8Array, targetSize: number): ReceiptPrinterResult<JobChunk[]> {
  const splitter = new EscPosSplitter({ maxCommandBytes: Math.max(16, job.length) });
  const items = splitter.push(job);
  if (splitter.bufferedBytes > 0 || items.some((item) => item.kind === 'error')) {
    return fail(new ReceiptPrinterError('invalidJob', 'the job ends inside a command'));
  }
  const hits = new RealtimeScanner().push(job);
  if (hits.some((hit) => hit.command.kind === 'clearBuffers')) {
    return fail(new ReceiptPrinterError('invalidJob', 'the job contains DLE DC4 8, which would clear it mid-print'));
  }
  const ends = hits.map((hit) => hit.end);
  const chunks: JobChunk[] = [];
  let start = 0;
  let at = 0;
  const close = () => {
    const statusRequests = ends.filter((end) => end > start && end <= at).length;
    chunks.push({ bytes: job.subarray(start, at), statusRequests });
    start = at;
  };
  for (const item of items) {
    if (item.kind === 'error') continue;
    if (at > start && at - start + item.bytes.length > targetSize) close();
    at += item.bytes.length;
  }
  if (at > start) close();
  return succeed(chunks);
}
