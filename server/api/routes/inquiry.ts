/** Inquiry, second factor and case progress handlers (contracts/inquiry.ts). */
import { KioskError } from '../../../contracts/errors';
import type { inquiryRoutes } from '../../../contracts/inquiry';
import { audit } from '../../audit/audit';
import { caseByNumber, ownCase, ownCases, tooManyMisses } from '../../cases/case-progress';
import { pageRequest } from '../../inquiry/paging';
import {
  accounts,
  contributionMonthsOf,
  contributionYearsOf,
  listEnrollments,
  medicalTransactionsOf,
  pensionPaymentsOf,
} from '../../inquiry/records';
import { unemploymentBenefitOf } from '../../inquiry/unemployment-benefit';
import { checkFace, secondFactorState } from '../../sessions/face-check';
import { reportCardPin, useSessionFactors, useVerifiedSession } from '../../sessions/second-factor';
import type { AuthenticatedTerminal } from '../../terminals/authenticate';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

type SessionCall = [{ params: { sessionId: string } }, { terminal: AuthenticatedTerminal }];

export function inquiryHandlers({
  database: { db },
  sessionIdleMs,
  certification,
}: RouteOptions): RouteHandlers<typeof inquiryRoutes> {
  /** The person of a card-only route's session. */
  const card = async (...[{ params }, { terminal }]: SessionCall) =>
    (await useSessionFactors(db, terminal.terminalId, params.sessionId, sessionIdleMs)).personId;
  /** The person of a detailed-records route's session: 403 `secondFactorRequired` until verified. */
  const verified = async (...[{ params }, { terminal }]: SessionCall) =>
    (await useVerifiedSession(db, terminal.terminalId, params.sessionId, sessionIdleMs)).personId;

  return {
    secondFactor: async ({ params }, { terminal }) =>
      reportCardPin(db, terminal.terminalId, params.sessionId, sessionIdleMs),
    secondFactorState: async ({ params }, { terminal }) =>
      secondFactorState(db, terminal.terminalId, params.sessionId, sessionIdleMs, {
        ...certification,
        timeZone: terminal.hallTimeZone,
      }),
    faceCheck: async ({ params, body }, { terminal }) =>
      checkFace(db, terminal.terminalId, params.sessionId, sessionIdleMs, body, {
        ...certification,
        timeZone: terminal.hallTimeZone,
      }),
    enrollments: async (input, caller) => listEnrollments(db, await card(input, caller)),
    accounts: async (input, caller) => accounts(db, await card(input, caller)),
    contributionYears: async (input, caller) =>
      contributionYearsOf(db, await verified(input, caller), input.query.insuranceType, pageRequest(input.query)),
    contributionMonths: async (input, caller) => {
      const { insuranceType, year } = input.query;
      return contributionMonthsOf(db, await verified(input, caller), insuranceType, year, pageRequest(input.query));
    },
    pensionPayments: async (input, caller) =>
      pensionPaymentsOf(db, await verified(input, caller), input.query.year, pageRequest(input.query)),
    unemploymentBenefit: async (input, caller) =>
      unemploymentBenefitOf(db, await verified(input, caller), caller.terminal.hallTimeZone),
    medicalTransactions: async (input, caller) =>
      medicalTransactionsOf(db, await verified(input, caller), pageRequest(input.query)),
    sessionCases: async (input, caller) => ownCases(db, await card(input, caller), pageRequest(input.query)),
    sessionCase: async (input, caller) => ownCase(db, await card(input, caller), input.params.caseNo),
    caseByNumber: async ({ params: { caseNo } }, { terminal: { terminalId } }) => {
      const base = { actorKind: 'terminal' as const, actorId: terminalId, terminalId, action: 'case.lookup' };
      if (await tooManyMisses(db, terminalId)) {
        await audit(db, { ...base, result: 'rateLimited' });
        throw new KioskError('rateLimited', 'too many unknown case numbers from this terminal; try again later');
      }
      try {
        const progress = await caseByNumber(db, caseNo);
        // The case number identifies the case, not the person: it may go in the audit log.
        await audit(db, { ...base, result: 'ok', subjectId: caseNo });
        return progress;
      } catch (error) {
        if (error instanceof KioskError) await audit(db, { ...base, result: error.code });
        throw error;
      }
    },
  };
}
