/** What the generator produces: one person with everything that hangs off them, as insertable rows. */
import type { IdCardFields } from '../../contracts/simulator-api';
import type * as s from '../db/schema';
import type { Region } from './regions';

/** The generator's parameters; the same parameters always give the same data. */
export interface SeedParams {
  seed: string;
  /** Synthetic people besides the named demo people. */
  people: number;
  /** The day the data is "as of" (`YYYY-MM-DD`, hall time); histories end here. */
  asOf: string;
}

/** One stint with one employer, paying employee insurance from `from` to `to` (periods, inclusive). */
export interface CareerStint {
  employerId: number;
  from: string;
  to: string;
  /** Contribution base as a multiple of the average wage. */
  baseFactor: number;
  /** From this period on to `to`, the employer did not pay (欠费). */
  arrearsFrom?: string;
}

/** Resident insurance paid personally from `from` to `to`. */
export interface ResidentHistory {
  from: string;
  to: string;
  /** Yearly pension grade in fen. */
  yearlyGrade: number;
  arrearsFrom?: string;
}

/** Where a retiree's yearly certification stands on the as-of day. */
export type CertificationStanding = 'certified' | 'due' | 'overdue';

/** The life story a person's rows are built from; random for synthetic people, fixed for demo people. */
export interface PersonSpec {
  id: number;
  card: IdCardFields;
  region: Region;
  phone: string;
  ssCardNo: string;
  kind: 'employee' | 'retiree' | 'resident' | 'unemployed';
  stints: CareerStint[];
  resident?: ResidentHistory;
  /** Retirees: retirement date and age. */
  retirement?: { date: string; age: number };
  certification?: CertificationStanding;
  /** Cases to generate (0-2). */
  cases: number;
}

/** A person and every row that belongs to them. */
export interface PersonBundle {
  person: typeof s.persons.$inferInsert;
  enrollments: (typeof s.enrollments.$inferInsert)[];
  contributions: (typeof s.contributions.$inferInsert)[];
  pensionAccount: typeof s.pensionAccounts.$inferInsert | null;
  pensionPayments: (typeof s.pensionPayments.$inferInsert)[];
  medicalAccount: typeof s.medicalAccounts.$inferInsert | null;
  medicalTransactions: (typeof s.medicalAccountTransactions.$inferInsert)[];
  certifications: (typeof s.certifications.$inferInsert)[];
  cases: (typeof s.cases.$inferInsert)[];
}
