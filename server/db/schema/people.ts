/** Citizens and employers. */
import { boolean, char, date, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** 参保人: a citizen known to the hall server. */
export const persons = pgTable('persons', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  idNumber: char('id_number', { length: 18 }).notNull().unique(),
  name: text('name').notNull(),
  /** GB/T 2261.1 sex code: '1' male, '2' female, '0'/'9' unknown. */
  sex: char('sex', { length: 1 }).notNull(),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  /** GB 3304 nation code, e.g. '01' 汉族. */
  nationCode: char('nation_code', { length: 2 }).notNull(),
  address: text('address').notNull(),
  phone: text('phone'),
  ssCardNo: text('ss_card_no').unique(),
  isRetiree: boolean('is_retiree').notNull().default(false),
  retirementDate: date('retirement_date', { mode: 'string' }),
});

/** 单位. */
export const employers = pgTable('employers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  /** 统一社会信用代码, 18 characters. */
  creditCode: char('credit_code', { length: 18 }).notNull().unique(),
});
