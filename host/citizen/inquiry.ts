/**
 * Inquiry on the hall server for the open session: summaries with the card alone, money details
 * only after the second factor (checked here first, so the person is asked for the PIN rather than
 * shown a refusal). Pages are sized for huge type.
 */
import { KioskError, type KioskHandlers } from '../../contracts';
import { inquiryRoutes as routes } from '../../contracts/inquiry';
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
  hall: Pick<HallClient, 'call'>;
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
  /** A page of a list, as the query string carries it. */
  const paging = (page: number, pageSize: number) => ({ page: String(page), pageSize: String(pageSize) });
  /** Calls about the open session; a session the server no longer knows is ended here too. */
  const inSession = <T>(run: (sessionId: string) => Promise<T>) => sessions.withSession(run);
  function needSecondFactor(): void {
    sessions.requireSessionId();
    if (!secondFactor.isVerified()) throw new KioskError('secondFactorRequired', 'the second factor is needed first');
  }

  return {
    getEnrollments: async () => inSession((sessionId) => hall.call(routes.enrollments, { params: { sessionId } })),
    getAccounts: async () => inSession((sessionId) => hall.call(routes.accounts, { params: { sessionId } })),
    getContributionYears: async ({ insuranceType, page }) => {
      needSecondFactor();
      const query = { insuranceType, ...paging(page, YEARS_PAGE_SIZE) };
      return inSession((sessionId) => hall.call(routes.contributionYears, { params: { sessionId }, query }));
    },
    getContributionMonths: async ({ insuranceType, year, page }) => {
      needSecondFactor();
      const query = { insuranceType, year: String(year), ...paging(page, INQUIRY_PAGE_SIZE) };
      return inSession((sessionId) => hall.call(routes.contributionMonths, { params: { sessionId }, query }));
    },
    getPensionPayments: async ({ page, year }) => {
      needSecondFactor();
      const query = { ...paging(page, INQUIRY_PAGE_SIZE), ...(year === undefined ? {} : { year: String(year) }) };
      return inSession((sessionId) => hall.call(routes.pensionPayments, { params: { sessionId }, query }));
    },
    getMedicalTransactions: async ({ page }) => {
      needSecondFactor();
      const query = paging(page, INQUIRY_PAGE_SIZE);
      return inSession((sessionId) => hall.call(routes.medicalTransactions, { params: { sessionId }, query }));
    },
    getUnemploymentBenefit: async () => {
      needSecondFactor();
      return inSession((sessionId) => hall.call(routes.unemploymentBenefit, { params: { sessionId } }));
    },
    getCases: async ({ page }) =>
      inSession((sessionId) =>
        hall.call(routes.sessionCases, { params: { sessionId }, query: paging(page, INQUIRY_PAGE_SIZE) }),
      ),
    lookupCase: async ({ caseNo }) => hall.call(routes.caseByNumber, { params: { caseNo: caseNo.trim() } }),
    takeScannedCase: async () => ({ caseNo: scans.take() }),
  };
}
