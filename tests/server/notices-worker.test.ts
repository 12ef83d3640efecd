// The outbox worker: sends each notice once through the SMS gateway (the simulator), retries with
// back-off on gateway failures, holds notices in quiet hours by the hall's clock, respects opt-outs,
// and keeps exactly once with two worker instances and a worker killed mid-send (PostgreSQL).
import { spawn } from 'node:child_process';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeOptOuts, noticeOutbox, simSmsMessages } from '../../server/db/schema';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/types';
import { enqueueNotice } from '../../server/notices/outbox';
import { phoneHash } from '../../server/notices/phone';
import type { SmsFailureCode } from '../../server/notices/sms-provider';
import { createSmsSimulator } from '../../server/notices/sms-simulator';
import { NoticeWorker, backoffDelay } from '../../server/notices/worker';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { backends } from './support/backends';

const SIGN = '测试人社';
const roomy = { perMinute: 1000, perHour: 1000 };
const near = (ticketNo: string) => ({ ticketNo, ahead: '3', hallName: '测试大厅' });

/**
 * A clock the test moves by hand. Its dates lie far ahead (2054, the same weekdays as 2026): a
 * notice written without `notBefore` is due from the database's own clock, so a test clock that the
 * real date has passed would never find it due.
 */
function clock(iso: string) {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), set: (s: string) => (t = new Date(s).getTime()), add: (ms: number) => (t += ms) };
}

async function messagesFor(db: Database['db'], outIds: string[]) {
  return db.select().from(simSmsMessages).where(inArray(simSmsMessages.outId, outIds));
}

async function row(db: Database['db'], id: string) {
  const [r] = await db.select().from(noticeOutbox).where(eq(noticeOutbox.id, id));
  return r!;
}

for (const backend of backends) {
  describe(`notice worker on ${backend.name}`, () => {
    let database: Database & { url?: string };
    beforeAll(async () => {
      database = await backend.open();
    }, 180_000);
    afterAll(() => database?.close());

    it('sends once, masks the number on the gateway side, and records the delivery receipt', async () => {
      const { db } = database;
      const c = clock('2054-12-07T02:00:00Z'); // 10:00 in Shanghai
      const sim = createSmsSimulator(db, { now: c.now, flowControl: roomy });
      const worker = new NoticeWorker({ db, provider: sim, signName: SIGN, now: c.now });
      const { id } = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13700000001',
        hallId: DEMO_HALL_ID,
        dedupeKey: 'w:1',
        template: 'ticketNear',
        params: near('A017'),
      });
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      expect(await worker.runOnce()).toMatchObject({ sent: 0 });
      const [message] = await messagesFor(db, [id]);
      expect(message).toMatchObject({ phoneMasked: '137****0001', templateCode: 'SMS_HRSS_TICKET_NEAR' });
      expect(message!.text).toBe('【测试人社】您的A017号前面还有3位，请回到测试大厅等候叫号。拒收请回复TD');
      expect(await row(db, id)).toMatchObject({ status: 'sent', attempts: 1, deliveryStatus: 'delivered' });
    });

    it('retries gateway failures with doubling back-off, and gives up on a permanent one', async () => {
      const { db } = database;
      const c = clock('2054-12-07T03:00:00Z');
      let failures = 2;
      const fault = (): SmsFailureCode | null => (failures-- > 0 ? 'unavailable' : null);
      const sim = createSmsSimulator(db, { now: c.now, flowControl: roomy, fault });
      const worker = new NoticeWorker({ db, provider: sim, signName: SIGN, now: c.now, backoffMs: 30_000 });
      const { id } = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13700000002',
        dedupeKey: 'w:2',
        template: 'ticketNear',
        params: near('A018'),
      });
      expect(await worker.runOnce()).toMatchObject({ retried: 1 });
      expect(await row(db, id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'unavailable' });
      expect((await row(db, id)).nextAttemptAt.toISOString()).toBe('2054-12-07T03:00:30.000Z');
      c.add(29_000);
      expect(await worker.runOnce()).toMatchObject({ retried: 0, sent: 0 });
      c.add(1_000);
      expect(await worker.runOnce()).toMatchObject({ retried: 1 });
      expect((await row(db, id)).nextAttemptAt.toISOString()).toBe('2054-12-07T03:01:30.000Z');
      c.add(60_000);
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      expect(await row(db, id)).toMatchObject({ status: 'sent', attempts: 3 });
      expect(await messagesFor(db, [id])).toHaveLength(1);
      expect(backoffDelay(10, 30_000, 3_600_000)).toBe(3_600_000);

      const bad = createSmsSimulator(db, { now: c.now, fault: () => 'invalidNumber' });
      const badWorker = new NoticeWorker({ db, provider: bad, signName: SIGN, now: c.now });
      const failed = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13700000003',
        dedupeKey: 'w:3',
        template: 'ticketNear',
        params: near('A019'),
      });
      expect(await badWorker.runOnce()).toMatchObject({ failed: 1 });
      expect(await row(db, failed.id)).toMatchObject({ status: 'failed', lastError: 'invalidNumber' });
    });

    it('waits out the gateway’s per-number flow control without using up attempts', async () => {
      const { db } = database;
      const c = clock('2054-12-07T04:00:00Z');
      const sim = createSmsSimulator(db, { now: c.now, flowControl: { perMinute: 1, perHour: 5 } });
      const worker = new NoticeWorker({ db, provider: sim, signName: SIGN, now: c.now });
      const ids = [];
      for (const n of [1, 2]) {
        ids.push(
          (
            await enqueueNotice(db, {
              event: 'ticketNear',
              phone: '13700000004',
              dedupeKey: `w:flow:${n}`,
              template: 'ticketNear',
              params: near(`B00${n}`),
            })
          ).id,
        );
      }
      expect(await worker.runOnce()).toMatchObject({ sent: 1, retried: 1 });
      const [held] = await db
        .select({ id: noticeOutbox.id })
        .from(noticeOutbox)
        .where(sql`${inArray(noticeOutbox.id, ids)} and ${noticeOutbox.status} = 'pending'`);
      expect(held).toBeDefined();
      c.add(60_000);
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      expect(await row(db, held!.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await messagesFor(db, ids)).toHaveLength(2);
    });

    it('holds notices through quiet hours until 08:00 hall time, but sends one-time codes at once', async () => {
      const { db } = database;
      const c = clock('2054-12-07T14:30:00Z'); // 22:30 in Shanghai
      const sim = createSmsSimulator(db, { now: c.now, flowControl: roomy });
      const worker = new NoticeWorker({ db, provider: sim, signName: SIGN, now: c.now });
      const notice = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13700000005',
        hallId: DEMO_HALL_ID,
        dedupeKey: 'w:quiet',
        template: 'ticketNear',
        params: near('C001'),
      });
      const code = await enqueueNotice(db, {
        event: 'smsCode',
        phone: '13700000006',
        hallId: DEMO_HALL_ID,
        dedupeKey: 'w:quiet:code',
        template: 'smsCode',
        params: { code: '123456', minutes: '5' },
        urgent: true,
      });
      expect(await worker.runOnce()).toMatchObject({ sent: 1, deferred: 1 });
      const held = await row(db, notice.id);
      expect(held).toMatchObject({ status: 'pending', attempts: 0, lastError: 'quietHours' });
      expect(held.nextAttemptAt.toISOString()).toBe('2054-12-08T00:00:00.000Z'); // 08:00 Shanghai
      // The code's digits are gone from the outbox once sent.
      expect((await row(db, code.id)).params).toEqual({ code: '******', minutes: '5' });
      c.set('2054-12-07T23:59:00Z');
      expect(await worker.runOnce()).toMatchObject({ sent: 0, deferred: 0 });
      c.set('2054-12-08T00:00:00Z');
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      const [m] = await messagesFor(db, [notice.id]);
      expect(m!.acceptedAt.toISOString()).toBe('2054-12-08T00:00:00.000Z');
    });

    it('sends nothing to a number that opted out, except codes it asks for', async () => {
      const { db } = database;
      const c = clock('2054-12-07T05:00:00Z');
      const sim = createSmsSimulator(db, { now: c.now, flowControl: roomy });
      const worker = new NoticeWorker({ db, provider: sim, signName: SIGN, now: c.now });
      await db.insert(noticeOptOuts).values({ phoneHash: phoneHash('13700000007'), via: 'smsReply' });
      const notice = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13700000007',
        dedupeKey: 'w:optout',
        template: 'ticketNear',
        params: near('D001'),
      });
      const code = await enqueueNotice(db, {
        event: 'smsCode',
        phone: '13700000007',
        dedupeKey: 'w:optout:code',
        template: 'smsCode',
        params: { code: '654321', minutes: '5' },
        urgent: true,
      });
      expect(await worker.runOnce()).toMatchObject({ sent: 1, suppressed: 1 });
      expect(await row(db, notice.id)).toMatchObject({ status: 'suppressed', lastError: 'optedOut' });
      expect(await messagesFor(db, [notice.id, code.id])).toHaveLength(1);
    });

    if (backend.name !== 'postgres') return;

    it('sends each of 60 notices exactly once with two worker instances on their own pools', async () => {
      const second = await openDatabase({ url: database.url!, migrate: false, poolSize: 4 });
      try {
        const ids: string[] = [];
        for (let i = 0; i < 60; i++) {
          const phone = `1360000${String(i).padStart(4, '0')}`;
          ids.push(
            (
              await enqueueNotice(database.db, {
                event: 'ticketNear',
                phone,
                dedupeKey: `w:two:${i}`,
                template: 'ticketNear',
                params: near(`E${i}`),
              })
            ).id,
          );
        }
        const make = (db: Database['db']) =>
          new NoticeWorker({
            db,
            provider: createSmsSimulator(db, { flowControl: roomy }),
            signName: SIGN,
            batchSize: 5,
            // The real clock, at whatever hour the test runs: no quiet hours.
            quietHours: null,
          });
        const workers = [make(database.db), make(second.db)];
        const totals = [0, 0];
        for (let round = 0; round < 20; round++) {
          const passes = await Promise.all(workers.map((w) => w.runOnce()));
          passes.forEach((p, i) => (totals[i]! += p.sent));
          if (totals[0]! + totals[1]! >= 60) break;
        }
        expect(totals[0]! + totals[1]!).toBe(60);
        expect(totals[0]).toBeGreaterThan(0);
        expect(totals[1]).toBeGreaterThan(0);
        const sent = await messagesFor(database.db, ids);
        expect(sent).toHaveLength(60);
        expect(new Set(sent.map((m) => m.outId)).size).toBe(60);
      } finally {
        await second.close();
      }
    }, 30_000);

    it('does not send again what a killed worker had handed to the gateway', async () => {
      const { db } = database;
      const { id } = await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '13500000001',
        dedupeKey: 'w:killed',
        template: 'ticketNear',
        params: near('F001'),
      });
      await db.execute(sql`update notice_outbox set next_attempt_at = now() - interval '1 hour' where id = ${id}`);
      // node itself (not the tsx launcher), so that SIGKILL kills the worker and not only a wrapper.
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/support/notice-worker-child.ts'], {
        env: { ...process.env, NOTICE_CHILD_DB_URL: database.url! },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const accepted = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /accepted (\S+)\n/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`child exited ${code} before sending`)));
      });
      expect(accepted).toBe(id);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(await row(db, id)).toMatchObject({ status: 'sending', attempts: 1 });

      // Two fresh workers: one before the lease ends (must not touch it), both after.
      const sim = createSmsSimulator(db, { flowControl: roomy });
      const early = new NoticeWorker({ db, provider: sim, signName: SIGN, quietHours: null });
      await early.runOnce();
      expect(await row(db, id)).toMatchObject({ status: 'sending' });
      const later = () => new Date(Date.now() + 61_000);
      const workers = [1, 2].map(
        () => new NoticeWorker({ db, provider: sim, signName: SIGN, now: later, quietHours: null }),
      );
      await Promise.all(workers.map((w) => w.runOnce()));
      expect(await row(db, id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(await messagesFor(db, [id])).toHaveLength(1);
    }, 30_000);
  });
}
