/**
 * The SMS gateway of the embedded default: keeps what it "sends" in `sim_sms_messages` (mask and
 * hash of the number only) so the simulator page and every server instance see the same mailbox,
 * renders the approved templates, applies per-number flow control like the real gateways, delivers
 * a receipt at once, and can be told to fail (for tests and demos).
 */
import { and, asc, count, desc, eq, gt, inArray } from 'drizzle-orm';
import { simSmsMessages } from '../db/schema';
import type { Db } from '../db/types';
import { maskPhone, phoneHash } from './phone';
import type { SmsFailureCode, SmsProvider, SmsReceipt, SmsSendRequest, SmsSendResult } from './sms-provider';
import { type NoticeTemplate, noticeTemplates, renderNotice } from './templates';

/** Per-number flow control of the simulated gateway. */
export interface SimFlowControl {
  perMinute: number;
  perHour: number;
}

export interface SmsSimulatorOptions {
  now?: () => Date;
  flowControl?: SimFlowControl;
  /** Called before each send; a code makes that send fail as the gateway would. */
  fault?: (request: SmsSendRequest) => SmsFailureCode | null;
}

const templateByCode = new Map(
  Object.entries(noticeTemplates).map(([name, t]) => [t.code as string, name as NoticeTemplate]),
);

/** The simulated gateway over the hall database. */
export function createSmsSimulator(db: Db, options: SmsSimulatorOptions = {}): SmsProvider {
  const now = options.now ?? (() => new Date());
  const flow = options.flowControl ?? { perMinute: 1, perHour: 5 };
  return {
    name: 'simulator',
    async send(request: SmsSendRequest): Promise<SmsSendResult> {
      const fault = options.fault?.(request) ?? null;
      if (fault) return { ok: false, code: fault, retryable: fault === 'unavailable' || fault === 'rateLimited' };
      const template = templateByCode.get(request.templateCode);
      if (!template) return { ok: false, code: 'templateRejected', retryable: false };
      if (!/^1[3-9]\d{9}$/.test(request.phone)) return { ok: false, code: 'invalidNumber', retryable: false };
      const hash = phoneHash(request.phone);
      const at = now();
      const inLast = async (ms: number) => {
        const [row] = await db
          .select({ n: count() })
          .from(simSmsMessages)
          .where(and(eq(simSmsMessages.phoneHash, hash), gt(simSmsMessages.acceptedAt, new Date(at.getTime() - ms))));
        return Number(row!.n);
      };
      if ((await inLast(60_000)) >= flow.perMinute) {
        return { ok: false, code: 'rateLimited', retryable: true, retryAfterMs: 60_000 };
      }
      if ((await inLast(3_600_000)) >= flow.perHour) {
        return { ok: false, code: 'rateLimited', retryable: true, retryAfterMs: 3_600_000 };
      }
      const [row] = await db
        .insert(simSmsMessages)
        .values({
          outId: request.outId,
          phoneMasked: maskPhone(request.phone),
          phoneHash: hash,
          signName: request.signName,
          templateCode: request.templateCode,
          text: renderNotice(template, request.templateParams, request.signName),
          acceptedAt: at,
          receiptStatus: 'delivered',
          receiptAt: at,
        })
        .returning({ bizId: simSmsMessages.bizId });
      return { ok: true, messageId: row!.bizId };
    },
    async findSent(outId: string) {
      const [row] = await db
        .select({ bizId: simSmsMessages.bizId })
        .from(simSmsMessages)
        .where(eq(simSmsMessages.outId, outId))
        .limit(1);
      return row ? { messageId: row.bizId } : null;
    },
    async pullReceipts(max: number): Promise<SmsReceipt[]> {
      const rows = await db
        .select()
        .from(simSmsMessages)
        .where(eq(simSmsMessages.receiptPulled, false))
        .orderBy(asc(simSmsMessages.id))
        .limit(max);
      if (rows.length === 0) return [];
      await db
        .update(simSmsMessages)
        .set({ receiptPulled: true })
        .where(
          inArray(
            simSmsMessages.id,
            rows.map((r) => r.id),
          ),
        );
      return rows.map((r) => ({
        outId: r.outId,
        messageId: r.bizId,
        status: r.receiptStatus === 'failed' ? 'failed' : 'delivered',
        at: r.receiptAt ?? r.acceptedAt,
      }));
    },
  };
}

/** The simulator's mailbox, newest first, as the simulator page shows it. */
export async function simulatorMessages(db: Db, limit = 50) {
  return db.select().from(simSmsMessages).orderBy(desc(simSmsMessages.id)).limit(limit);
}
