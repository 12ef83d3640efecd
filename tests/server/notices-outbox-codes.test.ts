// The outbox write (same transaction as the change, one row per dedupe key, no personal data in
// parameters, phone numbers stored once) and one-time SMS codes (hashed, rate limited, expiring,
// a few tries, used once).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPhones, noticeOutbox, persons, smsCodes } from '../../server/db/schema';
import type { Database } from '../../server/db/types';
import { enqueueNotice } from '../../server/notices/outbox';
import { maskPhone, normalizeMobile } from '../../server/notices/phone';
import { issueSmsCode, verifySmsCode } from '../../server/notices/sms-codes';
import { backends } from './support/backends';

const PHONE = '13912345678';

for (const backend of backends) {
  describe(`notices outbox and codes on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
    }, 180_000);
    afterAll(() => database?.close());

    it('writes one row per dedupe key, and none when the caller’s transaction rolls back', async () => {
      const { db } = database;
      const [person] = await db.select({ id: persons.id }).from(persons).limit(1);
      const request = {
        event: 'caseStatus',
        personId: person!.id,
        dedupeKey: 'case:T1:completed',
        template: 'caseFinished' as const,
        params: { caseTail: '000011', item: '测试事项', result: '准予' },
      };
      const first = await db.transaction((tx) => enqueueNotice(tx, request));
      const again = await db.transaction((tx) => enqueueNotice(tx, request));
      expect(first.created).toBe(true);
      expect(again).toEqual({ id: first.id, created: false });
      await expect(
        db.transaction(async (tx) => {
          await enqueueNotice(tx, { ...request, dedupeKey: 'case:T2:completed' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const rows = await db
        .select()
        .from(noticeOutbox)
        .where(sql`${noticeOutbox.dedupeKey} like 'case:T%'`);
      expect(rows.map((r) => r.dedupeKey)).toEqual(['case:T1:completed']);
    });

    it('refuses parameters that look like an ID number, a phone number or an unmasked name', async () => {
      const { db } = database;
      const base = { event: 'x', phone: PHONE, dedupeKey: 'x:1' };
      await expect(
        enqueueNotice(db, {
          ...base,
          template: 'caseFinished',
          params: { caseTail: '11010519491231002X', item: 'a', result: 'b' },
        }),
      ).rejects.toThrow('parameter caseTail looks like an ID or phone number');
      await expect(
        enqueueNotice(db, { ...base, template: 'ticketNear', params: { ticketNo: 'A1', ahead: '3', hallName: PHONE } }),
      ).rejects.toThrow('hallName looks like');
      await expect(
        enqueueNotice(db, {
          ...base,
          template: 'certificationDue',
          params: { maskedName: '王建国', validUntil: '2026-01-01', hallName: 'h', hallAddress: 'a' },
        }),
      ).rejects.toThrow('maskedName is not masked');
      expect(await db.select().from(noticeOutbox).where(eq(noticeOutbox.dedupeKey, 'x:1'))).toEqual([]);
    });

    it('stores a left phone number once, whatever its spelling, and refers to it by id', async () => {
      const { db } = database;
      const params = { ticketNo: 'A001', ahead: '3', hallName: '大厅' };
      await enqueueNotice(db, {
        event: 'ticketNear',
        phone: '+86 139-1234-5678',
        dedupeKey: 'p:1',
        template: 'ticketNear',
        params,
      });
      await enqueueNotice(db, { event: 'ticketNear', phone: PHONE, dedupeKey: 'p:2', template: 'ticketNear', params });
      const phones = await db.select().from(contactPhones).where(eq(contactPhones.phone, PHONE));
      expect(phones).toHaveLength(1);
      const rows = await db
        .select()
        .from(noticeOutbox)
        .where(sql`${noticeOutbox.dedupeKey} in ('p:1', 'p:2')`);
      expect(rows.map((r) => r.contactPhoneId)).toEqual([phones[0]!.id, phones[0]!.id]);
      expect(JSON.stringify(rows)).not.toContain(PHONE);
      await expect(
        enqueueNotice(db, { event: 'ticketNear', phone: '12345', dedupeKey: 'p:3', template: 'ticketNear', params }),
      ).rejects.toThrow('not a mainland mobile number');
    });

    it('issues a code kept only as a hash, sends it urgently, and verifies it once', async () => {
      const { db } = database;
      const now = new Date('2026-12-05T02:00:00Z');
      const issued = await issueSmsCode(db, { phone: '13800000001', purpose: 'appointment', now });
      expect(issued.maskedPhone).toBe('138****0001');
      const [outbox] = await db
        .select()
        .from(noticeOutbox)
        .where(eq(noticeOutbox.dedupeKey, `smsCode:${issued.codeId}`));
      expect(outbox).toMatchObject({ template: 'smsCode', urgent: true, status: 'pending' });
      const code = outbox!.params.code!;
      expect(code).toMatch(/^\d{6}$/);
      const [stored] = await db.select().from(smsCodes).where(eq(smsCodes.id, issued.codeId));
      expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(code);

      const wrong = code === '000000' ? '000001' : '000000';
      const later = new Date(now.getTime() + 60_000);
      expect(await verifySmsCode(db, { phone: '13800000001', purpose: 'other', code, now: later })).toEqual({
        ok: false,
        reason: 'noCode',
      });
      expect(
        await verifySmsCode(db, { phone: '13800000001', purpose: 'appointment', code: wrong, now: later }),
      ).toEqual({
        ok: false,
        reason: 'wrong',
      });
      expect(await verifySmsCode(db, { phone: '138 0000 0001', purpose: 'appointment', code, now: later })).toEqual({
        ok: true,
      });
      expect(await verifySmsCode(db, { phone: '13800000001', purpose: 'appointment', code, now: later })).toEqual({
        ok: false,
        reason: 'noCode',
      });
    });

    it('expires codes, stops after five wrong tries, and limits how often a number gets one', async () => {
      const { db } = database;
      const t0 = new Date('2026-12-05T03:00:00Z');
      const phone = '13800000002';
      await issueSmsCode(db, { phone, purpose: 'appointment', now: t0 });
      await expect(
        issueSmsCode(db, { phone, purpose: 'appointment', now: new Date(t0.getTime() + 30_000) }),
      ).rejects.toMatchObject({
        code: 'rateLimited',
      });
      expect(
        await verifySmsCode(db, {
          phone,
          purpose: 'appointment',
          code: '123456',
          now: new Date(t0.getTime() + 6 * 60_000),
        }),
      ).toEqual({
        ok: false,
        reason: 'expired',
      });
      const t1 = new Date(t0.getTime() + 2 * 60_000);
      await issueSmsCode(db, { phone, purpose: 'appointment', now: t1 });
      const [row] = await db
        .select({ params: noticeOutbox.params })
        .from(noticeOutbox)
        .innerJoin(smsCodes, sql`${noticeOutbox.dedupeKey} = 'smsCode:' || ${smsCodes.id}`)
        .where(eq(smsCodes.createdAt, t1));
      const right = row!.params.code!;
      const wrong = right === '999999' ? '999998' : '999999';
      const reasons = [];
      for (let i = 0; i < 5; i++) {
        reasons.push(
          (await verifySmsCode(db, { phone, purpose: 'appointment', code: wrong, now: t1 })) as { reason: string },
        );
      }
      expect(reasons.map((r) => r.reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'tooManyTries']);
      expect(await verifySmsCode(db, { phone, purpose: 'appointment', code: right, now: t1 })).toEqual({
        ok: false,
        reason: 'tooManyTries',
      });
      for (let i = 2; i < 5; i++) {
        await issueSmsCode(db, { phone, purpose: 'appointment', now: new Date(t0.getTime() + i * 2 * 60_000) });
      }
      await expect(
        issueSmsCode(db, { phone, purpose: 'appointment', now: new Date(t0.getTime() + 12 * 60_000) }),
      ).rejects.toMatchObject({
        code: 'rateLimited',
      });
      await expect(issueSmsCode(db, { phone: '12345', purpose: 'appointment', now: t0 })).rejects.toMatchObject({
        code: 'invalidRequest',
      });
    });
  });
}

describe('phone numbers', () => {
  it('normalises mainland mobiles and masks them to the first three and last four digits', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('0086 13800138000')).toBe('13800138000');
    expect(normalizeMobile('020-12333')).toBeNull();
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
