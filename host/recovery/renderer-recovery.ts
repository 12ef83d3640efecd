/**
 * The host's side of self-healing: it watches the page's heartbeat and decides when the shell must
 * reload the page or relaunch (Electron) / restart the screen's browser (thin Linux). What the shell
 * reports of its own (a failed load, a renderer or GPU process gone, memory over the ceiling) waits
 * for the next idle moment, never cutting into a person's session; so does the nightly relaunch.
 */
import { log } from '../log';

export type RecoveryAction = 'reload' | 'relaunch';

export interface RecoveryRequest {
  action: RecoveryAction;
  /** A code for logs and the fleet view (`rendererHung`, `nightly`, `did-fail-load`…), never personal data. */
  reason: string;
}

export interface RendererRecoveryOptions {
  /** No beat for this long (after the first beat): reload; again: relaunch. */
  staleMs: number;
  /** True while no session is open (an idle moment). */
  idle: () => boolean;
  /** The hour (0-23, in `timeZone`) of the nightly relaunch; null: none. */
  quietHour: number | null;
  timeZone?: () => string | undefined;
  /** Records a fault for the maintenance screen and the fleet view. */
  onFault: (code: string) => void;
  checkMs?: number;
  now?: () => number;
}

/** Watches the page and asks for reloads and relaunches; the shell carries them out (`onRequest`). */
export class RendererRecovery {
  private lastBeat: number | null = null;
  private staleCount = 0;
  private pending: RecoveryRequest | null = null;
  private lastNightly: string | null = null;
  private lastTick: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(request: RecoveryRequest) => void>();
  private readonly now: () => number;

  constructor(private readonly options: RendererRecoveryOptions) {
    this.now = options.now ?? Date.now;
  }

  onRequest(listener: (request: RecoveryRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The page is alive. */
  beat(): void {
    this.lastBeat = this.now();
    this.staleCount = 0;
  }

  /** The shell saw a fault of its own: record it, act at the next idle moment (a relaunch wins over a reload). */
  whenIdle(request: RecoveryRequest): void {
    this.options.onFault(`renderer:${request.reason}`);
    if (this.pending?.action !== 'relaunch') this.pending = request;
    this.check();
  }

  /** The page caught an error and reloads by itself: record it, and give the reload a period's grace. */
  whenIdleRecorded(kind: string): void {
    this.options.onFault(`renderer:${kind}`);
    if (this.lastBeat !== null) this.lastBeat = this.now() + this.options.staleMs;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.options.checkMs ?? 1000);
    this.timer.unref();
  }

  /**
   * The timer's look. When it comes late the host itself was held up (a long task, a starved CPU),
   * and the page's beats of that time are still waiting in the host's queue: that time is not
   * counted against the page, which would otherwise be reloaded in the middle of a person's session.
   */
  private tick(): void {
    const now = this.now();
    const every = this.options.checkMs ?? 1000;
    const late = this.lastTick === null ? 0 : now - this.lastTick - every;
    this.lastTick = now;
    if (late > every && this.lastBeat !== null) this.lastBeat += late;
    this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lastTick = null;
  }

  /** One look: a silent page, a pending idle action, the quiet hour. */
  check(): void {
    const now = this.now();
    if (this.lastBeat !== null && now - this.lastBeat > this.options.staleMs) {
      // A page that stopped beating serves nobody, session or not: act now. The first time a
      // reload, if it stays silent a relaunch; then a relaunch every period until it beats.
      this.staleCount += 1;
      const action = this.staleCount === 1 ? 'reload' : 'relaunch';
      // A relaunched browser needs longer than a beat to come up (start, load, connect): three periods.
      this.lastBeat = action === 'relaunch' ? now + 2 * this.options.staleMs : now;
      this.options.onFault('renderer:hung');
      this.emit({ action, reason: 'rendererHung' });
      return;
    }
    if (!this.options.idle()) return;
    if (this.pending) {
      const request = this.pending;
      this.pending = null;
      this.emit(request);
      return;
    }
    const quiet = this.options.quietHour;
    if (quiet === null) return;
    const { day, hour } = hallClock(now, this.options.timeZone?.());
    if (hour === quiet && this.lastNightly !== day && this.lastNightly !== null) {
      this.lastNightly = day;
      this.emit({ action: 'relaunch', reason: 'nightly' });
    }
    // The first look only notes the day: a kiosk started inside the quiet hour does not relaunch at once.
    this.lastNightly ??= hour === quiet ? day : `${day}-before`;
  }

  private emit(request: RecoveryRequest): void {
    log.warn('recovery', `${request.action} (${request.reason})`);
    for (const l of this.listeners) l(request);
  }
}

function hallClock(at: number, timeZone: string | undefined): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}
