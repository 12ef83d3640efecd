/**
 * The certification methods of the KioskApi: status, one attempt's evidence, the receipt. Each
 * attempt carries one idempotency key, reused when the same attempt is sent again, so a retry
 * after a lost answer never records a second attempt. Descriptors are never logged.
 */
import { KioskError, type KioskHandlers, certificationRoutes as routes } from '../../contracts';
import { certificationReceiptMarkup } from '../../documents/receipts/certification';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import type { DeviceManager } from '../device-manager/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';
import { AttemptKeys, postAttempt, requestChallenge, type RetryOptions } from './attempts';

export interface CertificationDeps extends RetryOptions {
  sessions: SessionManager;
  hall: Pick<HallClient, 'call'>;
  devices: Pick<DeviceManager, 'printReceipt'>;
}

type CertificationHandlers = Pick<
  KioskHandlers,
  'getCertificationStatus' | 'startCertificationAttempt' | 'submitCertification' | 'printCertificationReceipt'
>;

/** Builds the handlers. */
export function createCertificationHandlers(deps: CertificationDeps): CertificationHandlers {
  const { sessions, hall, devices } = deps;
  const keys = new AttemptKeys();

  return {
    getCertificationStatus: () =>
      sessions.withSession((sessionId) => hall.call(routes.certificationStatus, { params: { sessionId } })),

    startCertificationAttempt: () =>
      sessions.withSession(async (sessionId) => {
        keys.forget();
        return requestChallenge(hall, sessionId, 'certification');
      }),

    submitCertification: ({ attempt, ...evidence }) =>
      sessions.withSession(async (sessionId) => {
        const body = { ...evidence, requestId: keys.keyFor(sessionId, attempt), capturedAt: new Date().toISOString() };
        try {
          const outcome = await postAttempt(hall, routes.submitCertification, { params: { sessionId }, body }, deps);
          log.info(
            'certification',
            `attempt ${attempt}: ${outcome.result}${outcome.reason ? ` (${outcome.reason})` : ''}`,
          );
          return outcome;
        } catch (error) {
          log.warn('certification', `attempt ${attempt} was not accepted`, error);
          throw error;
        }
      }),

    printCertificationReceipt: () =>
      sessions.withSession(async (sessionId) => {
        const data = await hall.call(routes.certificationReceipt, { params: { sessionId } });
        // A receipt for a certification done just now is the original; anything older is a reprint.
        const reprint = Date.now() - Date.parse(data.certifiedAt) > 30 * 60_000;
        const job = buildReceiptJob(certificationReceiptMarkup(data, { reprint }));
        try {
          await devices.printReceipt({ escpos: job.escpos, id: `certification-${data.certificationId}` });
        } catch (error) {
          log.warn('certification', 'the receipt was not printed', error);
          throw new KioskError('deviceFailed', 'the receipt printer could not print');
        }
        log.info('certification', 'receipt printed');
        return { printed: true as const };
      }),
  };
}
