/**
 * The kiosk's side of one payment: arms the QR scanner for the phone's payment code or shows the
 * server's code URL, follows the order the server stores to its one outcome, and cancels for real.
 * Every call of an attempt carries the attempt's idempotency key, and a call the network lost is
 * sent again with the SAME key, so a retry can never become a second charge. The payment code goes
 * from the scanner to the server only: never into an event, a log line or the renderer.
 */
import {
  KioskError,
  PAYMENT_CODE_PATTERN,
  type KioskPaymentFailure,
  type KioskPaymentMethod,
  type PaymentOrder,
  type PaymentProgress,
} from '../../contracts';
import type { HostEvents } from '../events';
import { log } from '../log';
import { isFinal, isPaid, type PaymentHall } from './payment-hall';

export interface PaymentTimings {
  /** How long the scanner waits for a payment code. */
  scanMs: number;
  /** How long the person may take to confirm on the phone (password) after the code was taken. */
  confirmMs: number;
  /** How long one poll of an open order may wait at the server for a change (long-poll). */
  pollWaitMs: number;
  /** The least time between two polls (a server that answers a long-poll at once is not asked in a loop). */
  pollGapMs: number;
  /** Waits between sends of a call the network lost (same request each time); then the attempt gives up. */
  retryDelaysMs: readonly number[];
}

export const defaultPaymentTimings: PaymentTimings = {
  scanMs: 90_000,
  confirmMs: 120_000,
  pollWaitMs: 4_000,
  pollGapMs: 300,
  retryDelaysMs: [500, 1_000, 2_000, 4_000, 8_000],
};

export interface PaymentDeskDeps {
  hall: PaymentHall;
  events: HostEvents;
  /** The person is still there (a step they follow on the phone counts as activity). */
  touch(): void;
  timings?: Partial<PaymentTimings>;
  /** Called with an attempt's outcome before the screen hears it (the host journals it to disk). */
  told?(progress: PaymentProgress): void;
}

interface Attempt {
  sessionId: string;
  orderId: string;
  progress: PaymentProgress;
  /** When the current step's countdown ends (ms since the epoch). */
  deadline: number;
  /** The last state the server told; the long-poll waits for another. */
  known: PaymentOrder['state'];
  stopped: boolean;
  timer: NodeJS.Timeout | null;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Runs payment attempts, one at a time. */
export class PaymentDesk {
  private attempt: Attempt | null = null;
  private readonly t: PaymentTimings;

  constructor(private readonly deps: PaymentDeskDeps) {
    this.t = { ...defaultPaymentTimings, ...deps.timings };
  }

  /** True while the scanner's next payment code belongs to an attempt. */
  awaitingCode(): boolean {
    return this.attempt?.progress.stage === 'scanCode' && !this.attempt.stopped;
  }

  /** The code URL shown for the phone now, or null. */
  shownQr(): string | null {
    const attempt = this.attempt;
    return attempt && !attempt.stopped && attempt.progress.stage === 'showQr' ? attempt.progress.qrUrl : null;
  }

  /** Starts paying an order one way; answers the first stage. */
  async start(sessionId: string, order: PaymentOrder, method: KioskPaymentMethod): Promise<PaymentProgress> {
    const open = this.attempt;
    if (open && !open.stopped && !isOutcome(open.progress)) {
      if (open.orderId === order.orderId && open.progress.stage === 'qrRefused') {
        // The person chose again after the QR was refused: the same order, paid the chosen way now.
        this.clear(open);
        open.stopped = true;
      } else if (open.orderId === order.orderId && open.progress.method === method) return open.progress;
      else throw new KioskError('conflict', 'another payment is in progress');
    }
    const attempt: Attempt = {
      sessionId,
      orderId: order.orderId,
      progress: {
        orderId: order.orderId,
        method,
        stage: 'paying',
        qrUrl: null,
        expiresInMs: null,
        reason: null,
        amount: order.amount,
        paidAt: null,
        orderNo: order.orderNo,
      },
      deadline: 0,
      known: order.state,
      stopped: false,
      timer: null,
    };
    this.attempt = attempt;
    if (method === 'micropay') {
      const ms = Math.min(this.t.scanMs, Math.max(0, Date.parse(order.expiresAt) - Date.now()));
      this.arm(attempt, ms);
      return this.stage(attempt, { stage: 'scanCode', expiresInMs: ms });
    }
    this.stage(attempt, { stage: 'paying' });
    try {
      const shown = await this.withRetry(() => this.deps.hall.start(sessionId, order.orderId, { method: 'native' }));
      if (attempt.stopped) return attempt.progress;
      if (shown.state === 'created' && shown.failure === 'qrRefused') {
        // Nothing was charged and the order is open: the person picks the other way, another QR, or cancels.
        log.info('payment', 'the channel refused to make the QR code');
        const ms = Math.min(this.t.scanMs, Math.max(0, Date.parse(shown.expiresAt) - Date.now()));
        this.arm(attempt, ms);
        attempt.known = shown.state;
        return this.stage(attempt, { stage: 'qrRefused', qrUrl: null, expiresInMs: ms });
      }
      if (isFinal(shown.state) || !shown.codeUrl) return this.settle(attempt, shown);
      const ms = Math.max(0, Date.parse(shown.expiresAt) - Date.now());
      this.arm(attempt, ms);
      attempt.known = shown.state;
      this.stage(attempt, { stage: 'showQr', qrUrl: shown.codeUrl, expiresInMs: ms });
      void this.follow(attempt);
      return attempt.progress;
    } catch (error) {
      return this.failedCall(attempt, error);
    }
  }

  /** A scan while the scanner is armed: a payment code goes to the server; anything else is refused. */
  codeScanned(text: string): void {
    const attempt = this.attempt;
    if (!attempt || attempt.stopped || attempt.progress.stage !== 'scanCode') return;
    if (!PAYMENT_CODE_PATTERN.test(text)) {
      log.info('payment', 'a scan that is not a payment code was refused');
      this.stage(attempt, { reason: 'codeInvalid', expiresInMs: Math.max(0, attempt.deadline - Date.now()) });
      return;
    }
    log.info('payment', 'a payment code was scanned');
    this.arm(attempt, this.t.confirmMs);
    this.stage(attempt, { stage: 'paying', reason: null, expiresInMs: null });
    void (async () => {
      try {
        const order = await this.withRetry(() =>
          this.deps.hall.start(attempt.sessionId, attempt.orderId, { method: 'micropay', authCode: text }),
        );
        if (this.note(attempt, order)) void this.follow(attempt);
      } catch (error) {
        if (error instanceof KioskError && error.code === 'paymentCodeInvalid' && !attempt.stopped) {
          // Nothing was charged: the same order waits for a proper code.
          this.arm(attempt, this.t.scanMs);
          this.stage(attempt, { stage: 'scanCode', reason: 'codeInvalid', expiresInMs: this.t.scanMs });
          return;
        }
        this.failedCall(attempt, error);
      }
    })();
  }

  /** The person cancels: the server closes the order (or reverses a charge it is unsure of). */
  async cancel(orderId: string): Promise<PaymentProgress> {
    const attempt = this.current(orderId);
    if (isOutcome(attempt.progress)) return attempt.progress;
    return this.cancelAtServer(attempt, null);
  }

  /** Where the attempt stands now. */
  progress(orderId: string): PaymentProgress {
    const attempt = this.current(orderId);
    return { ...attempt.progress, expiresInMs: this.left(attempt) };
  }

  /** The paid attempt (for printing), or `conflict`. */
  paid(orderId: string): { sessionId: string; progress: PaymentProgress } {
    const attempt = this.current(orderId);
    if (attempt.progress.stage !== 'paid') throw new KioskError('conflict', 'the order is not paid');
    return { sessionId: attempt.sessionId, progress: attempt.progress };
  }

  /** The session ended (card out, timeout, 退出): an open attempt is cancelled at the server. */
  sessionEnded(): void {
    const attempt = this.attempt;
    if (!attempt) return;
    this.attempt = null;
    if (isOutcome(attempt.progress)) return;
    log.info('payment', 'the session ended mid-payment: cancelling the order');
    void this.cancelAtServer(attempt, 'sessionEnded');
  }

  /** Stops timers (host stop). */
  dispose(): void {
    if (this.attempt) {
      this.clear(this.attempt);
      this.attempt.stopped = true;
    }
    this.attempt = null;
  }

  private current(orderId: string): Attempt {
    const attempt = this.attempt;
    if (!attempt || attempt.orderId !== orderId) throw new KioskError('notFound', 'no such payment here');
    return attempt;
  }

  /** Cancels at the server; `reason` null: the person cancelled, else the failure to show. */
  private async cancelAtServer(attempt: Attempt, reason: KioskPaymentFailure | null): Promise<PaymentProgress> {
    this.clear(attempt);
    attempt.stopped = true; // no more polls or scans for this attempt
    try {
      const order = await this.withRetry(() => this.deps.hall.cancel(attempt.sessionId, attempt.orderId));
      // A charge that went through before the cancel stands: paid and posted, never undone here.
      if (isPaid(order.state)) return this.settle(attempt, order);
      return this.stage(attempt, { stage: reason ? 'failed' : 'cancelled', reason, qrUrl: null, expiresInMs: null });
    } catch (error) {
      log.warn('payment', `the cancel did not reach the hall server (${codeOf(error)}); its expiry closes the order`);
      return this.stage(attempt, {
        stage: 'failed',
        reason: reason === 'sessionEnded' ? reason : 'networkLost',
        qrUrl: null,
        expiresInMs: null,
      });
    }
  }

  /** Follows the stored order (long-poll) until it has its outcome or the attempt stops. */
  private async follow(attempt: Attempt): Promise<void> {
    while (!attempt.stopped && !isOutcome(attempt.progress)) {
      const asked = Date.now();
      try {
        const order = await this.withRetry(() =>
          this.deps.hall.order(attempt.sessionId, attempt.orderId, { waitMs: this.t.pollWaitMs, known: attempt.known }),
        );
        if (!this.note(attempt, order)) return;
      } catch (error) {
        this.failedCall(attempt, error);
        return;
      }
      await wait(Math.max(0, this.t.pollGapMs - (Date.now() - asked)));
    }
  }

  /** Takes a stored order in; false once the attempt has its outcome (or was stopped). */
  private note(attempt: Attempt, order: PaymentOrder): boolean {
    if (attempt.stopped) return false;
    attempt.known = order.state;
    if (isFinal(order.state)) {
      this.settle(attempt, order);
      return false;
    }
    this.deps.touch();
    if (order.awaitingUserConfirmation && attempt.progress.stage !== 'confirming')
      this.stage(attempt, {
        stage: 'confirming',
        qrUrl: null,
        expiresInMs: Math.max(0, attempt.deadline - Date.now()),
      });
    return true;
  }

  private settle(attempt: Attempt, order: PaymentOrder): PaymentProgress {
    this.clear(attempt);
    attempt.stopped = true;
    const done = { qrUrl: null, expiresInMs: null, amount: order.amount, orderNo: order.orderNo };
    if (isPaid(order.state)) {
      log.info('payment', 'an order was paid');
      this.deps.touch();
      return this.stage(attempt, { ...done, stage: 'paid', reason: null, paidAt: order.receipt?.paidAt ?? null });
    }
    if (order.failure === 'cancelled') return this.stage(attempt, { ...done, stage: 'cancelled', reason: null });
    const reason: KioskPaymentFailure = order.failure === 'qrRefused' ? 'providerError' : (order.failure ?? 'internal');
    log.info('payment', `an order ended unpaid (${reason})`);
    return this.stage(attempt, { ...done, stage: 'failed', reason });
  }

  /**
   * A call failed for good. The network stayed down through every retry: cancel (retried too), so
   * the order is not left uncertain; a refusal is shown as its own sentence.
   */
  private failedCall(attempt: Attempt, error: unknown): PaymentProgress {
    if (attempt.stopped) return attempt.progress;
    const code = codeOf(error);
    log.warn('payment', `a payment call failed (${code})`);
    if (code === 'serverUnreachable') {
      const progress = this.stage(attempt, { stage: 'paying', qrUrl: null, expiresInMs: null });
      void this.cancelAtServer(attempt, 'networkLost');
      return progress;
    }
    this.clear(attempt);
    attempt.stopped = true;
    const reasons: Record<string, KioskPaymentFailure> = {
      sessionExpired: 'sessionEnded',
      noSession: 'sessionEnded',
      providerUnavailable: 'providerError',
      orderExpired: 'orderExpired',
      paymentCodeInvalid: 'codeInvalid',
    };
    return this.stage(attempt, {
      stage: 'failed',
      reason: reasons[code] ?? 'internal',
      qrUrl: null,
      expiresInMs: null,
    });
  }

  private withRetry<T>(call: () => Promise<T>): Promise<T> {
    return sendAgainWhileUnreachable(call, this.t.retryDelaysMs);
  }

  /** The step's own countdown: at zero the attempt is cancelled at the server (timed out). */
  private arm(attempt: Attempt, ms: number): void {
    this.clear(attempt);
    attempt.deadline = Date.now() + ms;
    attempt.timer = setTimeout(() => {
      if (attempt.stopped || isOutcome(attempt.progress)) return;
      log.info('payment', 'the payment step timed out: cancelling');
      void this.cancelAtServer(attempt, 'timedOut');
    }, ms);
    attempt.timer.unref?.();
  }

  private clear(attempt: Attempt): void {
    if (attempt.timer) clearTimeout(attempt.timer);
    attempt.timer = null;
  }

  /** Time left of a step with a countdown (scan, show, confirm), else null. */
  private left(attempt: Attempt): number | null {
    const counted = ['scanCode', 'showQr', 'qrRefused', 'confirming'].includes(attempt.progress.stage);
    return counted ? Math.max(0, attempt.deadline - Date.now()) : null;
  }

  private stage(attempt: Attempt, next: Partial<PaymentProgress>): PaymentProgress {
    const before = attempt.progress;
    attempt.progress = { ...attempt.progress, ...next };
    const outcome = isOutcome(attempt.progress);
    if (
      outcome &&
      (!isOutcome(before) || before.stage !== attempt.progress.stage || before.reason !== attempt.progress.reason)
    )
      this.deps.told?.(attempt.progress);
    this.deps.events.emit('paymentProgress', attempt.progress);
    return attempt.progress;
  }
}

/**
 * Sends a call again, unchanged (the same order, the same idempotency key), while the hall server
 * is unreachable, waiting `delaysMs` between sends; then gives up with the last error.
 */
export async function sendAgainWhileUnreachable<T>(call: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (error) {
      if (codeOf(error) !== 'serverUnreachable' || i >= delaysMs.length) throw error;
      log.info('payment', `the hall server did not answer; sending the same request again (${i + 1})`);
      await wait(delaysMs[i]!);
    }
  }
}

function codeOf(error: unknown): string {
  return error instanceof KioskError ? error.code : 'internal';
}

function isOutcome(p: PaymentProgress): boolean {
  return p.stage === 'paid' || p.stage === 'failed' || p.stage === 'cancelled';
}
