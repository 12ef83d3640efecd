/** Enrollments, contributions, accounts and pension payments. */
import { bigint, boolean, char, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { enrollmentStatusEnum, insuranceTypeEnum } from './enums';
import { employers, persons } from './people';

/** 参保: one person in one insurance type. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    insuranceType: insuranceTypeEnum('insurance_type').notNull(),
    status: enrollmentStatusEnum('status').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    region: text('region').notNull(),
    employerId: integer('employer_id').references(() => employers.id),
  },
  (t) => [index('enrollments_person_idx').on(t.personId)],
);

/**
 * 缴费: one month of one insurance type; `paid = false` is arrears (欠费). The biggest table by far
 * (hundreds of rows per person), so it has no foreign keys: per-row RI triggers made bulk loads 4x slower.
 */
export const contributions = pgTable(
  'contributions',
  {
    personId: integer('person_id').notNull(),
    insuranceType: insuranceTypeEnum('insurance_type').notNull(),
    period: char('period', { length: 6 }).notNull(),
    base: integer('base').notNull(),
    employerAmount: integer('employer_amount').notNull(),
    personalAmount: integer('personal_amount').notNull(),
    paid: boolean('paid').notNull(),
    employerId: integer('employer_id'),
  },
  (t) => [primaryKey({ name: 'contributions_pk', columns: [t.personId, t.insuranceType, t.period] })],
);

/** 个人账户: the pension individual account (累计储存额). */
export const pensionAccounts = pgTable('pension_accounts', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => persons.id),
  balance: bigint('balance', { mode: 'number' }).notNull(),
  asOfPeriod: char('as_of_period', { length: 6 }).notNull(),
});

/** 养老金发放: one monthly pension payment to a retiree (high volume: no foreign key, like contributions). */
export const pensionPayments = pgTable(
  'pension_payments',
  {
    personId: integer('person_id').notNull(),
    period: char('period', { length: 6 }).notNull(),
    amount: integer('amount').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ name: 'pension_payments_pk', columns: [t.personId, t.period] })],
);

/** 医保个人账户. */
export const medicalAccounts = pgTable('medical_accounts', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => persons.id),
  balance: bigint('balance', { mode: 'number' }).notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
});

/** One credit (划入) or debit (消费) of a medical account; `amount` is signed fen (high volume: no foreign key). */
export const medicalAccountTransactions = pgTable(
  'medical_account_transactions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    personId: integer('person_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: ['credit', 'debit'] }).notNull(),
    amount: integer('amount').notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
  },
  (t) => [index('medical_tx_person_idx').on(t.personId, t.occurredAt)],
);
