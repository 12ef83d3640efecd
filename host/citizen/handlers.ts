/** The citizen services' KioskApi handlers, spread into host/kiosk-handlers.ts. */
import { DEFAULT_HALL_TIME_ZONE, KioskError, type KioskHandlers } from '../../contracts';
import { contentRoutes } from '../../contracts/content';
import { inquiryPageReceipt } from '../../documents/receipts/inquiry-page';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import type { RetryOptions } from '../certification/attempts';
import type { DeviceManager } from '../device-manager/device-manager';
import type { HostEvents } from '../events';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';
import type { TerminalStatusStore } from '../terminal-status';
import { CaseScans } from './case-scans';
import { ContentCache } from './content-cache';
import { createInquiryHandlers } from './inquiry';
import { SecondFactor } from './second-factor';
import { StatementPrinting } from './statement-printing';

/** The hall's time zone, for printed times. */

export interface CitizenDeps {
  sessions: SessionManager;
  hall: Pick<HallClient, 'call' | 'callIfChanged'>;
  devices: Pick<
    DeviceManager,
    'verifySsCardPin' | 'ssCardPinPad' | 'verifySsCardPinOnPad' | 'printA4' | 'waitForA4Job' | 'printReceipt'
  >;
  events: HostEvents;
  status: TerminalStatusStore;
  /** The host's data directory (the content cache lives there). */
  dataDir: string;
  /** The face check's retry options (the hall server issues its challenge). */
  faceCheck?: RetryOptions;
  /** The clock the content cache dates its copy with (tests move it). */
  now?: () => number;
}

export type CitizenHandlers = Pick<
  KioskHandlers,
  | 'getSecondFactor'
  | 'verifyPin'
  | 'startFaceCheck'
  | 'verifyFace'
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
  | 'getContent'
  | 'previewStatement'
  | 'printStatement'
  | 'reprintStatement'
  | 'printPageReceipt'
>;

/** The pieces the host wires: the handlers, and where non-e-card scans go. */
export interface Citizen {
  handlers: CitizenHandlers;
  /** A scan that is not an e-card code (a receipt's barcode). */
  scanned(text: string): void;
}

/** Builds the citizen services over the host's session, hall client and devices. */
export function createCitizen(deps: CitizenDeps): Citizen {
  const { sessions, hall, devices, events } = deps;
  const secondFactor = new SecondFactor({ sessions, devices, hall, ...deps.faceCheck });
  const scans = new CaseScans(events);
  const statements = new StatementPrinting({ sessions, hall, devices, events, secondFactor });
  const content = new ContentCache({
    dir: deps.dataDir,
    ...(deps.now ? { now: deps.now } : {}),
    // The version held is the bundle's ETag: an unchanged bundle comes back as an empty 304.
    fetch: async (known) => {
      const answer = await hall.callIfChanged(contentRoutes.contentBundle, {}, known);
      return answer.notModified ? 'unchanged' : answer.value;
    },
  });
  return {
    scanned: (text) => scans.scanned(text),
    handlers: {
      getSecondFactor: () => sessions.withSession(() => secondFactor.view()),
      startFaceCheck: async () => {
        const challenge = await secondFactor.startFaceCheck();
        sessions.touch();
        return challenge;
      },
      verifyFace: (params) => sessions.withSession(() => secondFactor.verifyFace(params)),
      verifyPin: async ({ pin }) => {
        const result = await secondFactor.verifyPin(pin);
        sessions.touch();
        return result;
      },
      ...createInquiryHandlers({ sessions, hall, secondFactor, scans }),
      getContent: async () => content.get(),
      previewStatement: async ({ request }) => statements.preview(request),
      printStatement: async ({ request, requestId }) => statements.print(request, requestId),
      reprintStatement: async ({ statementId, requestId }) => statements.reprint(statementId, requestId),
      printPageReceipt: async ({ page }) => {
        sessions.requireSessionId();
        const doc = inquiryPageReceipt({
          page,
          hallName: deps.status.get().hallName,
          printedAt: new Date(),
          timeZone: deps.status.get().hallTimeZone ?? DEFAULT_HALL_TIME_ZONE,
        });
        const job = buildReceiptJob(doc.markup, { width: doc.cpl });
        try {
          await devices.printReceipt({ escpos: job.escpos });
        } catch (error) {
          log.warn('inquiry', 'a page receipt did not print', error);
          throw error instanceof KioskError ? error : new KioskError('deviceFailed', 'the receipt did not print');
        }
        sessions.touch();
        return { printed: true as const };
      },
    },
  };
}
