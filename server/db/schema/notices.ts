/**
 * Notices (issue 16): the notification outbox, the phone numbers people leave with us, opt-outs,
 * one-time SMS codes and the SMS simulator's mailbox. Phone numbers live in `contact_phones` only
 * (the registry's own `persons.phone` aside); every other table refers to them by id or by a keyed
 * hash.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { halls } from './org';
import { queueTickets } from './services';
import { persons } from './people';

/** A phone number someone left with the hall (ticket, phone page): stored once, looked up by its hash. */
export const contactPhones = pgTable('contact_phones', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  /** HMAC-SHA256 of the number (server/notices/phone.ts): the lookup key, safe to compare. */
  phoneHash: text('phone_hash').notNull().unique(),
  phone: text('phone').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 退订: a number that asked for no more notices (one-time codes it asks for itself still go). */
export const noticeOptOuts = pgTable('notice_opt_outs', {
  phoneHash: text('phone_hash').primaryKey(),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
  /** How: `smsReply` (回复TD), `staff`, `phonePage`. */
  via: text('via').notNull(),
});

/** Outbox states: pending → sending (leased) → sent | failed | suppressed. */
export const noticeStatuses = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const;

/**
 * One notice to send, written in the same transaction as the change that causes it. `dedupeKey`
 * is unique: writing the same event twice keeps the first row. The worker claims rows with
 * `FOR UPDATE SKIP LOCKED` and a lease (`leaseUntil`, `claimToken`), so any number of server
 * instances send each row once.
 */
export const noticeOutbox = pgTable(
  'notice_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    event: text('event').notNull(),
    template: text('template').notNull(),
    /** Template parameters: never a full name, ID number or phone number (checked on write). */
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    personId: integer('person_id').references(() => persons.id),
    contactPhoneId: bigint('contact_phone_id', { mode: 'number' }).references(() => contactPhones.id),
    /** Whose quiet hours and time zone apply; null: the default zone. */
    hallId: text('hall_id').references(() => halls.id),
    /** One-time codes skip quiet hours and opt-outs: the person asked for them a moment ago. */
    urgent: boolean('urgent').notNull().default(false),
    status: text('status', { enum: noticeStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimToken: uuid('claim_token'),
    lastError: text('last_error'),
    /** The provider's message id (BizId / SerialNo) once accepted. */
    providerMessageId: text('provider_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** From the provider's delivery receipt. */
    deliveryStatus: text('delivery_status'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notice_outbox_dedupe_uq').on(t.dedupeKey),
    index('notice_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index('notice_outbox_person_idx').on(t.personId),
  ],
);

/** 短信验证码: only the code's hash is kept; a code lives minutes and allows a few tries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneHash: text('phone_hash').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneHash, t.createdAt)],
);

/**
 * The SMS simulator's mailbox (the embedded default's stand-in for an SMS gateway). Kept in the
 * database so every server instance and a restarted one see the same "gateway". Like the real
 * gateways, sending the same `outId` twice sends twice: duplicates would show here.
 */
export const simSmsMessages = pgTable(
  'sim_sms_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    bizId: uuid('biz_id').notNull().defaultRandom().unique(),
    outId: text('out_id').notNull(),
    /** The gateway's copy of the number is outside our data; the simulator keeps only mask and hash. */
    phoneMasked: text('phone_masked').notNull(),
    phoneHash: text('phone_hash').notNull(),
    signName: text('sign_name').notNull(),
    templateCode: text('template_code').notNull(),
    text: text('text').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    receiptStatus: text('receipt_status'),
    receiptAt: timestamp('receipt_at', { withTimezone: true }),
    receiptPulled: boolean('receipt_pulled').notNull().default(false),
  },
  (t) => [
    index('sim_sms_messages_out_idx').on(t.outId),
    index('sim_sms_messages_phone_idx').on(t.phoneHash, t.acceptedAt),
  ],
);

/** A phone number left at ticket issue, for "your number is 3 away" (叫号提醒). */
export const ticketContacts = pgTable('ticket_contacts', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => queueTickets.id),
  contactPhoneId: bigint('contact_phone_id', { mode: 'number' })
    .notNull()
    .references(() => contactPhones.id),
});
