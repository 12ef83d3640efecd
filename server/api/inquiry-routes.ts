/** Inquiry, second factor and case progress routes (contracts/inquiry.ts), wired to their handlers. */
import type { FastifyInstance } from 'fastify';
import { KioskError } from '../../contracts/errors';
import { SessionParams } from '../../contracts/hall-api';
import {
  AccountsResponse,
  CaseParams,
  CaseProgress,
  ContributionMonthsQuery,
  ContributionMonthsResponse,
  ContributionYearsQuery,
  ContributionYearsResponse,
  EnrollmentsResponse,
  FaceCheckEvidence,
  FaceCheckOutcome,
  MedicalTransactionsResponse,
  PageQuery,
  PensionPaymentsQuery,
  PensionPaymentsResponse,
  UnemploymentBenefitResponse,
  SecondFactorRequest,
  SecondFactorResponse,
  SecondFactorState,
  SessionCaseParams,
  SessionCasesResponse,
  inquiryHallRoutes,
} from '../../contracts/inquiry';
import { unemploymentBenefitOf } from '../inquiry/unemployment-benefit';
import { audit } from '../audit/audit';
import { caseByNumber, ownCase, ownCases, tooManyMisses } from '../cases/case-progress';
import type { Db } from '../db/types';
import { pageRequest } from '../inquiry/paging';
import {
  accounts,
  contributionMonthsOf,
  contributionYearsOf,
  listEnrollments,
  medicalTransactionsOf,
  pensionPaymentsOf,
} from '../inquiry/records';
import type { CertificationConfig } from '../certification/config';
import { checkFace, secondFactorState } from '../sessions/face-check';
import { reportCardPin, useSessionFactors, useVerifiedSession } from '../sessions/second-factor';
import { EVIDENCE_BODY_LIMIT } from './certification-routes';
import type { RouteSchemas } from './route-schemas';
import { terminalAuth, terminalOf } from './terminal-auth';
import { parseInput } from './validate';

/** Session routes answer these besides 200: bad input, no terminal, no session, ended session. */
const SESSION_ERRORS = [400, 401, 404, 410];

export const inquiryRouteSchemas = {
  secondFactor: {
    summary: "Record the session's second factor: the social security card verified its PIN on this terminal",
    params: SessionParams,
    body: { schema: SecondFactorRequest, name: 'SecondFactorRequest' },
    response: { status: 200, schema: SecondFactorResponse, name: 'SecondFactorResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  secondFactorState: {
    summary: "The session's second factor, whether a face reference is enrolled and face checks left",
    params: SessionParams,
    response: { status: 200, schema: SecondFactorState, name: 'SecondFactorState' },
    errors: SESSION_ERRORS,
  },
  faceCheck: {
    summary: 'One face check: the live face against the enrolled reference; a pass records `face` as second factor',
    params: SessionParams,
    body: { schema: FaceCheckEvidence, name: 'FaceCheckEvidence' },
    response: { status: 200, schema: FaceCheckOutcome, name: 'FaceCheckOutcome' },
    errors: [...SESSION_ERRORS, 413, 429],
  },
  enrollments: {
    summary: 'Every insurance type: enrollments with status, dates and region (card only)',
    params: SessionParams,
    response: { status: 200, schema: EnrollmentsResponse, name: 'EnrollmentsResponse' },
    errors: SESSION_ERRORS,
  },
  accounts: {
    summary: 'Pension and medical account balances, contribution years, arrears months (card only)',
    params: SessionParams,
    response: { status: 200, schema: AccountsResponse, name: 'AccountsResponse' },
    errors: SESSION_ERRORS,
  },
  contributionYears: {
    summary: 'Yearly contribution totals of one insurance type, newest first (second factor)',
    params: SessionParams,
    query: ContributionYearsQuery,
    response: { status: 200, schema: ContributionYearsResponse, name: 'ContributionYearsResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  contributionMonths: {
    summary: 'Monthly contributions of one year and insurance type, with the year totals (second factor)',
    params: SessionParams,
    query: ContributionMonthsQuery,
    response: { status: 200, schema: ContributionMonthsResponse, name: 'ContributionMonthsResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  pensionPayments: {
    summary: 'Monthly pension payments, newest first (second factor)',
    params: SessionParams,
    query: PensionPaymentsQuery,
    response: { status: 200, schema: PensionPaymentsResponse, name: 'PensionPaymentsResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  unemploymentBenefit: {
    summary: '失业保险金: entitled, paid and remaining months, the monthly amount, payments (second factor)',
    params: SessionParams,
    response: { status: 200, schema: UnemploymentBenefitResponse, name: 'UnemploymentBenefitResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  medicalTransactions: {
    summary: 'Medical account balance and transactions, newest first (second factor)',
    params: SessionParams,
    query: PageQuery,
    response: { status: 200, schema: MedicalTransactionsResponse, name: 'MedicalTransactionsResponse' },
    errors: [...SESSION_ERRORS, 403],
  },
  sessionCases: {
    summary: "The session person's own cases with progress, newest first",
    params: SessionParams,
    query: PageQuery,
    response: { status: 200, schema: SessionCasesResponse, name: 'SessionCasesResponse' },
    errors: SESSION_ERRORS,
  },
  sessionCase: {
    summary: "One of the session person's cases (another person's case number is 404)",
    params: SessionCaseParams,
    response: { status: 200, schema: CaseProgress, name: 'CaseProgress' },
    errors: SESSION_ERRORS,
  },
  caseByNumber: {
    summary: 'Case progress by receipt number, without a card: item, status, steps, due date, masked name',
    params: CaseParams,
    response: { status: 200, schema: CaseProgress, name: 'CaseProgress' },
    errors: [400, 401, 404, 429],
  },
} satisfies { [K in keyof typeof inquiryHallRoutes]: RouteSchemas };

/** What the inquiry routes need. */
export interface InquiryRouteContext {
  db: Db;
  sessionIdleMs: number;
  /** The face match rules and limits (shared with face certification). */
  certification: CertificationConfig;
}

export function registerInquiryRoutes(
  app: FastifyInstance,
  { db, sessionIdleMs, certification }: InquiryRouteContext,
): void {
  const auth = terminalAuth(db);
  const r = inquiryHallRoutes;
  const s = inquiryRouteSchemas;

  /** The session for a card-only route. */
  const card = async (request: Parameters<typeof terminalOf>[0]) => {
    const { sessionId } = parseInput(SessionParams, request.params, 'params');
    return useSessionFactors(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
  };
  /** The session for a detailed-records route: 403 `secondFactorRequired` until verified. */
  const verified = async (request: Parameters<typeof terminalOf>[0]) => {
    const { sessionId } = parseInput(SessionParams, request.params, 'params');
    return useVerifiedSession(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
  };

  app.route({
    method: r.secondFactor.method,
    url: r.secondFactor.path,
    onRequest: auth,
    handler: async (request) => {
      const { sessionId } = parseInput(s.secondFactor.params, request.params, 'params');
      parseInput(s.secondFactor.body.schema, request.body, 'body');
      return reportCardPin(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
    },
  });

  app.route({
    method: r.secondFactorState.method,
    url: r.secondFactorState.path,
    onRequest: auth,
    handler: async (request) => {
      const { sessionId } = parseInput(s.secondFactorState.params, request.params, 'params');
      return secondFactorState(db, terminalOf(request).terminalId, sessionId, sessionIdleMs, certification);
    },
  });

  app.route({
    method: r.faceCheck.method,
    url: r.faceCheck.path,
    onRequest: auth,
    bodyLimit: EVIDENCE_BODY_LIMIT,
    handler: async (request) => {
      const { sessionId } = parseInput(s.faceCheck.params, request.params, 'params');
      const evidence = parseInput(s.faceCheck.body.schema, request.body, 'body');
      return checkFace(db, terminalOf(request).terminalId, sessionId, sessionIdleMs, evidence, certification);
    },
  });

  app.route({
    method: r.enrollments.method,
    url: r.enrollments.path,
    onRequest: auth,
    handler: async (request) => listEnrollments(db, (await card(request)).personId),
  });

  app.route({
    method: r.accounts.method,
    url: r.accounts.path,
    onRequest: auth,
    handler: async (request) => accounts(db, (await card(request)).personId),
  });

  app.route({
    method: r.contributionYears.method,
    url: r.contributionYears.path,
    onRequest: auth,
    handler: async (request) => {
      const query = parseInput(s.contributionYears.query, request.query, 'query');
      const session = await verified(request);
      return contributionYearsOf(db, session.personId, query.insuranceType, pageRequest(query));
    },
  });

  app.route({
    method: r.contributionMonths.method,
    url: r.contributionMonths.path,
    onRequest: auth,
    handler: async (request) => {
      const query = parseInput(s.contributionMonths.query, request.query, 'query');
      const session = await verified(request);
      return contributionMonthsOf(db, session.personId, query.insuranceType, query.year, pageRequest(query));
    },
  });

  app.route({
    method: r.pensionPayments.method,
    url: r.pensionPayments.path,
    onRequest: auth,
    handler: async (request) => {
      const query = parseInput(s.pensionPayments.query, request.query, 'query');
      const session = await verified(request);
      return pensionPaymentsOf(db, session.personId, query.year, pageRequest(query));
    },
  });

  app.route({
    method: r.unemploymentBenefit.method,
    url: r.unemploymentBenefit.path,
    onRequest: auth,
    handler: async (request) =>
      unemploymentBenefitOf(db, (await verified(request)).personId, terminalOf(request).hallTimeZone),
  });

  app.route({
    method: r.medicalTransactions.method,
    url: r.medicalTransactions.path,
    onRequest: auth,
    handler: async (request) => {
      const query = parseInput(s.medicalTransactions.query, request.query, 'query');
      const session = await verified(request);
      return medicalTransactionsOf(db, session.personId, pageRequest(query));
    },
  });

  app.route({
    method: r.sessionCases.method,
    url: r.sessionCases.path,
    onRequest: auth,
    handler: async (request) => {
      const query = parseInput(s.sessionCases.query, request.query, 'query');
      const session = await card(request);
      return ownCases(db, session.personId, pageRequest(query));
    },
  });

  app.route({
    method: r.sessionCase.method,
    url: r.sessionCase.path,
    onRequest: auth,
    handler: async (request) => {
      const { sessionId, caseNo } = parseInput(s.sessionCase.params, request.params, 'params');
      const session = await useSessionFactors(db, terminalOf(request).terminalId, sessionId, sessionIdleMs);
      return ownCase(db, session.personId, caseNo);
    },
  });

  app.route({
    method: r.caseByNumber.method,
    url: r.caseByNumber.path,
    onRequest: auth,
    handler: async (request) => {
      const { caseNo } = parseInput(s.caseByNumber.params, request.params, 'params');
      const terminalId = terminalOf(request).terminalId;
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
  });
}
