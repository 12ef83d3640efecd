/** Shared domain value schemas (names from GLOSSARY.md). */
import { z } from 'zod';
import { isValidIdNumber } from './id-number';
import { isPeriod } from './period';

/** 险种: the eight insurance types. */
export const insuranceTypes = [
  'employeePension',
  'residentPension',
  'publicSectorPension',
  'employeeMedical',
  'residentMedical',
  'unemployment',
  'workInjury',
  'maternity',
] as const;
export const InsuranceType = z.enum(insuranceTypes);
export type InsuranceType = z.infer<typeof InsuranceType>;

/** 参保状态. */
export const enrollmentStatuses = ['active', 'suspended', 'terminated', 'receiving'] as const;
export const EnrollmentStatus = z.enum(enrollmentStatuses);
export type EnrollmentStatus = z.infer<typeof EnrollmentStatus>;

/** An integer amount of fen. */
export const FenSchema = z.number().int().min(-1e13).max(1e13);
/** A `YYYYMM` period. */
export const PeriodSchema = z.string().refine(isPeriod, 'expected a YYYYMM period');
/** An 18-character ID number with a valid GB 11643 check digit. */
export const IdNumberSchema = z.string().refine(isValidIdNumber, 'expected a valid 18-character ID number');
/** An ISO calendar date `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An ISO 8601 timestamp with an explicit offset. */
export const IsoDateTime = z.string().datetime({ offset: true });

/** How a session was opened. */
export const IdentifiedBy = z.enum(['idCard', 'ssCard', 'eSsCard']);
export type IdentifiedBy = z.infer<typeof IdentifiedBy>;

/** The person as the kiosk may show them: ID number already masked by the server. */
export const PersonView = z.object({
  name: z.string().min(1).max(60),
  maskedIdNumber: z.string().max(18),
  sex: z.enum(['male', 'female', 'unknown']),
  isRetiree: z.boolean(),
});
export type PersonView = z.infer<typeof PersonView>;

/** One enrollment line of the insurance summary. */
export const EnrollmentSummary = z.object({
  insuranceType: InsuranceType,
  status: EnrollmentStatus,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  region: z.string().max(60),
  employerName: z.string().max(120).nullable(),
  paidMonths: z.number().int().min(0),
  arrearsMonths: z.number().int().min(0),
  /** The latest month with a record (paid or in arrears), `YYYYMM`; null without any. */
  lastPeriod: PeriodSchema.nullable().optional(),
});
export type EnrollmentSummary = z.infer<typeof EnrollmentSummary>;

/** The insurance summary shown on a person's home screen. */
export const InsuranceSummary = z.object({
  enrollments: z.array(EnrollmentSummary),
  /** Paid months of pension insurance, the basis of contribution years. */
  pensionPaidMonths: z.number().int().min(0),
  pensionAccount: z.object({ balance: FenSchema, asOf: PeriodSchema }).nullable(),
  medicalAccount: z.object({ balance: FenSchema, asOf: IsoDate }).nullable(),
  monthlyPension: FenSchema.nullable(),
});
export type InsuranceSummary = z.infer<typeof InsuranceSummary>;

/** Health of one device as the device manager sees it. */
export const DeviceHealth = z.object({
  device: z.enum(['idCardReader', 'ssCardReader', 'qrScanner', 'receiptPrinter', 'a4Printer', 'camera']),
  state: z.enum(['ok', 'degraded', 'failed']),
  reason: z.string().max(200).optional(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/** A staff member's role: clerks call tickets; supervisors and admins also command terminals. */
export const staffRoles = ['clerk', 'supervisor', 'admin'] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;
