/**
 * The outbox worker: claims due rows with `FOR UPDATE SKIP LOCKED` under a lease, sends each through
 * the SmsProvider, and records the outcome fenced by its claim token. Any number of workers (server
 * instances) may run; a worker that dies mid-send leaves its rows leased until the lease ends, and
 * whoever claims them next asks the gateway whether the message went (`findSent`) before sending.
 * Exactly once therefore holds as long as a send finishes within the lease (sends are cut off at
 * half of it).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_HALL_TIME_ZONE } from '../../contracts/hall-time';
import { noticeOutbox } from '../db/schema';
import type { Db } from '../db/types';
import { phoneHash } from './phone';
import { type QuietHours, defaultQuietHours, notBeforeQuietEnd } from './quiet-hours';
import type { SmsProvider, SmsSendResult } from './sms-provider';
import { type NoticeTemplate, noticeTemplates } from './templates';

export interface NoticeWorkerOptions {
  db: Db;
  provider: SmsProvider;
  /** The approved signature, e.g. `广州人社`. */
  signName: string;
  now?: () => Date;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry after this, doubling per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** `null`: no quiet hours (`SMS_QUIET_HOURS=off`). Default 21:00–08:00 hall time. */
  quietHours?: QuietHours | null;
}

/** What one pass did. */
export interface WorkerPass {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  deferred: number;
}

interface ClaimedRow {
  id: string;
  template: string;
  params: Record<string, string>;
  urgent: boolean;
  attempts: number;
  phone: string | null;
  time_zone: string | null;
}

/** Retry delay after `attempts` tries: backoff, 2×, 4×, … capped. */
export function backoffDelay(attempts: number, backoffMs: number, maxBackoffMs: number): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1));
}

/** A worker over one database and one gateway. */
export class NoticeWorker {
  readonly id = randomUUID();
  private readonly o: Required<Omit<NoticeWorkerOptions, 'db' | 'provider' | 'signName'>> & NoticeWorkerOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(options: NoticeWorkerOptions) {
    this.o = {
      now: () => new Date(),
      batchSize: 20,
      leaseMs: 60_000,
      maxAttempts: 8,
      backoffMs: 30_000,
      maxBackoffMs: 3_600_000,
      quietHours: defaultQuietHours,
      ...options,
    };
  }

  /** Claims up to one batch of due rows and settles each. */
  async runOnce(): Promise<WorkerPass> {
    const pass: WorkerPass = { sent: 0, retried: 0, failed: 0, suppressed: 0, deferred: 0 };
    const token = randomUUID();
    const now = this.o.now();
    const rows = await this.claim(token, now);
    for (const row of rows) pass[await this.settle(row, token)]++;
    await this.pullReceipts();
    return pass;
  }

  /** Runs a pass every `intervalMs` until stopped; a failed pass is retried next tick. */
  start(intervalMs = 2_000): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the timer and waits for a pass in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async claim(token: string, now: Date): Promise<ClaimedRow[]> {
    const leaseUntil = new Date(now.getTime() + this.o.leaseMs);
    const result = (await this.o.db.execute(sql`
      with claimed as (
        update notice_outbox o
        set status = 'sending', claim_token = ${token}, lease_until = ${leaseUntil.toISOString()}::timestamptz,
            attempts = o.attempts + 1
        from (
          select id from notice_outbox
          where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
            and (status = 'pending' or lease_until <= ${now.toISOString()}::timestamptz)
          order by next_attempt_at
          limit ${this.o.batchSize}
          for update skip locked
        ) due
        where o.id = due.id
        returning o.id, o.template, o.params, o.urgent, o.attempts, o.person_id, o.contact_phone_id, o.hall_id
      )
      select c.id, c.template, c.params, c.urgent, c.attempts,
        coalesce(cp.phone, p.phone) as phone, h.time_zone
      from claimed c
      left join contact_phones cp on cp.id = c.contact_phone_id
      left join persons p on p.id = c.person_id
      left join halls h on h.id = c.hall_id`)) as unknown as { rows: ClaimedRow[] };
    return result.rows;
  }

  private async settle(row: ClaimedRow, token: string): Promise<keyof WorkerPass> {
    const now = this.o.now();
    if (!row.phone) return this.finish(row, token, { status: 'suppressed', lastError: 'noPhone' }, 'suppressed');
    if (!row.urgent) {
      const optedOut = (await this.o.db.execute(
        sql`select 1 from notice_opt_outs where phone_hash = ${phoneHash(row.phone)}`,
      )) as unknown as { rows: unknown[] };
      if (optedOut.rows.length > 0) {
        return this.finish(row, token, { status: 'suppressed', lastError: 'optedOut' }, 'suppressed');
      }
      const sendAt = notBeforeQuietEnd(now, row.time_zone ?? DEFAULT_HALL_TIME_ZONE, this.o.quietHours);
      if (sendAt > now) {
        // Held until morning; waiting is not a failed attempt.
        return this.finish(
          row,
          token,
          { status: 'pending', nextAttemptAt: sendAt, attempts: row.attempts - 1, lastError: 'quietHours' },
          'deferred',
        );
      }
    }
    if (row.attempts > 1) {
      // An earlier try may have reached the gateway (a killed worker, a timeout): ask before resending.
      const found = await this.o.provider.findSent(row.id).catch(() => undefined);
      if (found === undefined) return this.retry(row, token, now, { ok: false, code: 'unavailable', retryable: true });
      if (found) return this.sent(row, token, found.messageId, now);
    }
    const template = noticeTemplates[row.template as NoticeTemplate];
    if (!template) return this.finish(row, token, { status: 'failed', lastError: 'unknownTemplate' }, 'failed');
    const result = await this.sendWithin(this.o.leaseMs / 2, () =>
      this.o.provider.send({
        outId: row.id,
        phone: row.phone!,
        signName: this.o.signName,
        templateCode: template.code,
        templateParams: row.params,
      }),
    );
    if (result.ok) return this.sent(row, token, result.messageId, now);
    return this.retry(row, token, now, result);
  }

  private async sendWithin(ms: number, send: () => Promise<SmsSendResult>): Promise<SmsSendResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SmsSendResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, code: 'unavailable', retryable: true }), ms);
    });
    try {
      return await Promise.race([
        send().catch((): SmsSendResult => ({ ok: false, code: 'unavailable', retryable: true })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sent(row: ClaimedRow, token: string, messageId: string, now: Date) {
    // A one-time code's digits are not kept once the gateway has them.
    const params = row.template === 'smsCode' ? { ...row.params, code: '******' } : row.params;
    return this.finish(
      row,
      token,
      { status: 'sent', providerMessageId: messageId, sentAt: now, params, lastError: null },
      'sent',
    );
  }

  private retry(row: ClaimedRow, token: string, now: Date, result: Extract<SmsSendResult, { ok: false }>) {
    const flowControl = result.code === 'rateLimited';
    // Gateway flow control is not the message's fault: it does not use up an attempt.
    const attempts = flowControl ? row.attempts - 1 : row.attempts;
    if (!result.retryable || attempts >= this.o.maxAttempts) {
      return this.finish(row, token, { status: 'failed', lastError: result.code }, 'failed');
    }
    const delay = result.retryAfterMs ?? backoffDelay(attempts, this.o.backoffMs, this.o.maxBackoffMs);
    return this.finish(
      row,
      token,
      { status: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + delay), lastError: result.code },
      'retried',
    );
  }

  private async finish<K extends keyof WorkerPass>(
    row: ClaimedRow,
    token: string,
    set: Partial<typeof noticeOutbox.$inferInsert>,
    outcome: K,
  ): Promise<K> {
    // Fenced by the claim token: a worker whose lease ran out and was re-claimed changes nothing.
    await this.o.db
      .update(noticeOutbox)
      .set({ ...set, leaseUntil: null, claimToken: null })
      .where(and(eq(noticeOutbox.id, row.id), eq(noticeOutbox.claimToken, token)));
    return outcome;
  }

  private async pullReceipts(): Promise<void> {
    const receipts = await this.o.provider.pullReceipts(100).catch(() => []);
    for (const r of receipts) {
      await this.o.db
        .update(noticeOutbox)
        .set({ deliveryStatus: r.status, deliveredAt: r.at })
        .where(eq(noticeOutbox.id, r.outId));
    }
  }
}
