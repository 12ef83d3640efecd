/**
 * Inquiry on the hall server for the open session: summaries with the card alone, money details
 * only after the second factor (checked here first, so the person is asked for the PIN rather than
 * shown a refusal). Pages are sized for huge type.
 */
import { KioskError, type KioskHandlers } from '../../contracts';
import {
  AccountsResponse,
  CaseProgress,
  ContributionMonthsResponse,
  ContributionYearsResponse,
  EnrollmentsResponse,
  MedicalTransactionsResponse,
  PensionPaymentsResponse,
  UnemploymentBenefitResponse,
  SessionCasesResponse,
} from '../../contracts/inquiry';
import type { z } from 'zod';
import type { HallClient } from '../hall-client/hall-client';
import type { SessionManager } from '../session/session-manager';
import type { CaseScans } from './case-scans';
import type { SecondFactor } from './second-factor';

/** Lines per page: what a 1080-pixel screen shows in 36-pixel type with room for the buttons. */
export const INQUIRY_PAGE_SIZE = 6;
/** Year rows carry a big button each, so fewer fit. */
export const YEARS_PAGE_SIZE = 4;

export interface InquiryDeps {
  sessions: Pick<SessionManager, 'requireSessionId' | 'touch' | 'end' | 'withSession'>;
  hall: Pick<HallClient, 'request'>;
  secondFactor: Pick<SecondFactor, 'isVerified'>;
  scans: CaseScans;
}

type InquiryHandlers = Pick<
  KioskHandlers,
  | 'getEnrollments'
  | 'getAccounts'
  | 'getContributionYears'
  | 'getContributionMonths'
  | 'getPensionPayments'
  | 'getMedicalTransactions'
  | 'getUnemploymentBenefit'
  | 'getCases'
  | 'lookupCase'
  | 'takeScannedCase'
>;

/** The inquiry and case handlers. */
export function createInquiryHandlers({ sessions, hall, secondFactor, scans }: InquiryDeps): InquiryHandlers {
  const base = () => `/api/v1/sessions/${encodeURIComponent(sessions.requireSessionId())}`;
  const query = (params: Record<string, string | number>) =>
    new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

  /** One session call; a session the server no longer knows is ended here too. */
  const get = <T>(path: string, schema: z.ZodType<T>): Promise<T> =>
    sessions.withSession(() => hall.request('GET', path, undefined, schema));
  function needSecondFactor(): void {
    sessions.requireSessionId();
    if (!secondFactor.isVerified()) throw new KioskError('secondFactorRequired', 'the second factor is needed first');
  }

  return {
    getEnrollments: async () => get(`${base()}/enrollments`, EnrollmentsResponse),
    getAccounts: async () => get(`${base()}/accounts`, AccountsResponse),
    getContributionYears: async ({ insuranceType, page }) => {
      needSecondFactor();
      const q = query({ insuranceType, page, pageSize: YEARS_PAGE_SIZE });
      return get(`${base()}/contributions/years?${q}`, ContributionYearsResponse);
    },
    getContributionMonths: async ({ insuranceType, year, page }) => {
      needSecondFactor();
      const q = query({ insuranceType, year, page, pageSize: INQUIRY_PAGE_SIZE });
      return get(`${base()}/contributions/months?${q}`, ContributionMonthsResponse);
    },
    getPensionPayments: async ({ page }) => {
      needSecondFactor();
      return get(`${base()}/pension-payments?${query({ page, pageSize: INQUIRY_PAGE_SIZE })}`, PensionPaymentsResponse);
    },
    getMedicalTransactions: async ({ page }) => {
      needSecondFactor();
      const q = query({ page, pageSize: INQUIRY_PAGE_SIZE });
      return get(`${base()}/medical-transactions?${q}`, MedicalTransactionsResponse);
    },
    getUnemploymentBenefit: async () => {
      needSecondFactor();
      return get(`${base()}/unemployment-benefit`, UnemploymentBenefitResponse);
    },
    getCases: async ({ page }) =>
      get(`${base()}/cases?${query({ page, pageSize: INQUIRY_PAGE_SIZE })}`, SessionCasesResponse),
    lookupCase: async ({ caseNo }) =>
      hall.request('GET', `/api/v1/cases/${encodeURIComponent(caseNo.trim())}`, undefined, CaseProgress),
    takeScannedCase: async () => ({ caseNo: scans.take() }),
  };
}
