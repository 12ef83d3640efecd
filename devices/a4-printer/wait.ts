// Following a job to its end, the same way for every queue: poll its status until it
// is completed, failed or cancelled, or the deadline passes.
import type { A4JobStatus, WaitOptions } from './a4-printer';
import { A4PrinterError, fail, succeed, type A4Result } from './errors';

/** Polls `status` until the job ends; ok only for `completed`. */
export async function waitForJob(
  jobId: string,
  status: (jobId: string) => Promise<A4Result<A4JobStatus>>,
  options: WaitOptions,
): Promise<A4Result<A4JobStatus>> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.pollIntervalMs ?? 1000;
  let last: A4JobStatus | undefined;
  for (;;) {
    const current = await status(jobId);
    if (!current.ok) return current;
    last = current.value;
    const { state, reason } = last;
    if (state === 'completed') return succeed(last);
    if (state === 'failed') return fail(new A4PrinterError('jobFailed', `job ${jobId} failed`, { jobId, reason }));
    if (state === 'cancelled') {
      return fail(new A4PrinterError('jobCancelled', `job ${jobId} was cancelled`, { jobId, reason }));
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      return fail(
        new A4PrinterError('timeout', `job ${jobId} still ${state} after ${options.timeoutMs} ms`, {
          jobId,
          reason: state,
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
  }
}
