/**
 * Payment (缴费): the policy tables (what a region charges per year) and the ledger (orders, their
 * items, the claims that keep an item in one open order, certificates, reconciliation runs).
 */
import {
  boolean,
  char,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { insuranceTypeEnum } from './enums';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** One region's resident insurance policy of one year: medical amount per person and deadlines. */
export const residentPolicyYears = pgTable(
  'resident_policy_years',
  {
    /** GB/T 2260 code of the district (the first six digits of an ID number). */
    regionCode: char('region_code', { length: 6 }).notNull(),
    year: smallint('year').notNull(),
    medicalAmount: integer('medical_amount').notNull(),
    pensionDeadline: date('pension_deadline', { mode: 'string' }).notNull(),
    medicalDeadline: date('medical_deadline', { mode: 'string' }).notNull(),
    /** How long unpaid resident pension years stay payable at the kiosk (补缴), years back. */
    arrearsYearsBack: smallint('arrears_years_back').notNull().default(5),
  },
  (t) => [primaryKey({ name: 'resident_policy_years_pk', columns: [t.regionCode, t.year] })],
);

/** The resident pension grades (档次) of a region and year, with the subsidy of each. */
export const residentPensionGrades = pgTable(
  'resident_pension_grades',
  {
    regionCode: char('region_code', { length: 6 }).notNull(),
    year: smallint('year').notNull(),
    gradeId: text('grade_id').notNull(),
    amount: integer('amount').notNull(),
    subsidy: integer('subsidy').notNull(),
  },
  (t) => [primaryKey({ name: 'resident_pension_grades_pk', columns: [t.regionCode, t.year, t.gradeId] })],
);

/**
 * One payment order. `state` is the stored state machine (server/payment/state-machine.ts); every
 * change is a conditional UPDATE from the state it expects, so two writers (a notification and a
 * poll) can never both move it. `(person_id, request_id)` makes creation idempotent per tap.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey(),
    orderNo: text('order_no').notNull().unique(),
    personId: integer('person_id').notNull(),
    terminalId: text('terminal_id').notNull(),
    hallId: text('hall_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    requestId: uuid('request_id').notNull(),
    requestKey: text('request_key').notNull(),
    state: text('state', {
      enum: ['created', 'paying', 'paid', 'failed', 'reversed', 'posted', 'refunding', 'refunded'],
    }).notNull(),
    method: text('method', { enum: ['micropay', 'native'] }),
    amount: integer('amount').notNull(),
    channel: text('channel'),
    codeUrl: text('code_url'),
    awaitingUser: boolean('awaiting_user').notNull().default(false),
    failure: text('failure'),
    transactionId: text('transaction_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    payingAt: timestamp('paying_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    refundId: text('refund_id'),
    refundRequestId: uuid('refund_request_id'),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /** Bumped on every state change; long-polls compare it. */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('payment_orders_person_request_idx').on(t.personId, t.requestId),
    index('payment_orders_hall_created_idx').on(t.hallId, t.createdAt),
    index('payment_orders_state_idx').on(t.state),
  ],
);

/** One priced line of an order; `beneficiary_id` is whom it is for (the payer or a family member). */
export const paymentOrderItems = pgTable(
  'payment_order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    seq: smallint('seq').notNull(),
    kind: text('kind', { enum: ['residentPension', 'residentMedical', 'arrears'] }).notNull(),
    beneficiaryId: integer('beneficiary_id').notNull(),
    insuranceType: insuranceTypeEnum('insurance_type').notNull(),
    year: smallint('year'),
    fromPeriod: char('from_period', { length: 6 }).notNull(),
    toPeriod: char('to_period', { length: 6 }).notNull(),
    gradeId: text('grade_id'),
    amount: integer('amount').notNull(),
    subsidy: integer('subsidy').notNull(),
  },
  (t) => [primaryKey({ name: 'payment_order_items_pk', columns: [t.orderId, t.seq] })],
);

/**
 * What an open or posted order holds: (beneficiary, insurance type, year). Unique, so one year of one
 * person's insurance is in at most one live order; deleted when the order fails or is reversed.
 */
export const paymentClaims = pgTable(
  'payment_claims',
  {
    beneficiaryId: integer('beneficiary_id').notNull(),
    insuranceType: insuranceTypeEnum('insurance_type').notNull(),
    year: smallint('year').notNull(),
    orderId: uuid('order_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'payment_claims_pk', columns: [t.beneficiaryId, t.insuranceType, t.year] }),
    index('payment_claims_order_idx').on(t.orderId),
  ],
);

/** The signed A4 payment certificate (缴费凭证) of a posted order; one per order. */
export const paymentCertificates = pgTable('payment_certificates', {
  id: uuid('id').primaryKey(),
  orderId: uuid('order_id')
    .notNull()
    .unique()
    .references(() => paymentOrders.id),
  verificationCode: text('verification_code').notNull().unique(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  signedContent: text('signed_content').notNull(),
  signature: text('signature').notNull(),
  keyId: text('key_id').notNull(),
  pageCount: integer('page_count').notNull(),
  pdf: bytea('pdf').notNull(),
});

/** The latest reconciliation of one day's channel bill against the ledger. */
export const paymentReconciliations = pgTable('payment_reconciliations', {
  date: date('date', { mode: 'string' }).primaryKey(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['matched', 'differences'] }).notNull(),
  result: jsonb('result').notNull(),
});
