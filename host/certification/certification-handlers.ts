/**
 * The certification methods of the KioskApi: status, one attempt's evidence, the receipt. Each
 * attempt carries one idempotency key, reused when the same attempt is sent again, so a retry
 * after a lost answer never records a second attempt. Descriptors are never logged.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  CertificationOutcome,
  CertificationReceiptData,
  CertificationStatus,
  KioskError,
  pickChallenge,
  type LivenessAction,
  type KioskHandlers,
} from '../../contracts';
import { certificationReceiptMarkup } from '../../documents/receipts/certification';
import { buildReceiptJob } from '../../devices/receipt-printer/job';
import type { DeviceManager } from '../devices/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';

export interface CertificationDeps {
  sessions: SessionManager;
  hall: Pick<HallClient, 'request'>;
  devices: Pick<DeviceManager, 'printReceipt'>;
  /** Tries of one submission while the hall server does not answer (default 3). */
  submitTries?: number;
  /** Pause between tries (default 500 ms). */
  retryDelayMs?: number;
  /**
   * Tests only (passed by the test harness to runHost, never read from a terminal's config file):
   * the same challenge every attempt, so a prepared video can follow it.
   */
  fixedChallenge?: LivenessAction[];
  /** Actions per attempt (default 2). */
  challengeLength?: 2 | 3;
}

type CertificationHandlers = Pick<
  KioskHandlers,
  'getCertificationStatus' | 'startCertificationAttempt' | 'submitCertification' | 'printCertificationReceipt'
>;

const base = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}/certification`;

/** Builds the handlers. */
export function createCertificationHandlers(deps: CertificationDeps): CertificationHandlers {
  const { sessions, hall, devices } = deps;
  // Keys of the current session's attempts; another session starts afresh.
  let keys: { sessionId: string; byAttempt: Map<number, string> } | null = null;

  function keyFor(sessionId: string, attempt: number): string {
    if (keys?.sessionId !== sessionId) keys = { sessionId, byAttempt: new Map() };
    let key = keys.byAttempt.get(attempt);
    if (!key) {
      key = randomUUID();
      keys.byAttempt.set(attempt, key);
    }
    return key;
  }

  /** Runs a call for the session; a session the server no longer knows ends here too. */
  async function forSession<T>(call: (sessionId: string) => Promise<T>): Promise<T> {
    const sessionId = sessions.requireSessionId();
    try {
      const value = await call(sessionId);
      sessions.touch();
      return value;
    } catch (error) {
      if (error instanceof KioskError && (error.code === 'sessionExpired' || error.code === 'noSession'))
        sessions.end('error');
      throw error;
    }
  }

  return {
    getCertificationStatus: () =>
      forSession((sessionId) => hall.request('GET', base(sessionId), undefined, CertificationStatus)),

    startCertificationAttempt: async () => {
      sessions.requireSessionId();
      sessions.touch();
      const challenge =
        deps.fixedChallenge ?? pickChallenge(deps.challengeLength ?? 2, () => randomInt(0, 1 << 30) / (1 << 30));
      return { challenge };
    },

    submitCertification: ({ attempt, descriptors, trace, scores }) =>
      forSession(async (sessionId) => {
        const body = {
          requestId: keyFor(sessionId, attempt),
          descriptors,
          trace,
          scores,
          capturedAt: new Date().toISOString(),
        };
        const tries = deps.submitTries ?? 3;
        for (let i = 1; ; i++) {
          try {
            const outcome = await hall.request('POST', `${base(sessionId)}/attempts`, body, CertificationOutcome);
            log.info(
              'certification',
              `attempt ${attempt}: ${outcome.result}${outcome.reason ? ` (${outcome.reason})` : ''}`,
            );
            return outcome;
          } catch (error) {
            const retry = error instanceof KioskError && error.code === 'serverUnreachable' && i < tries;
            if (!retry) {
              log.warn('certification', `attempt ${attempt} was not accepted`, error);
              throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, deps.retryDelayMs ?? 500));
          }
        }
      }),

    printCertificationReceipt: () =>
      forSession(async (sessionId) => {
        const data = await hall.request('GET', `${base(sessionId)}/receipt`, undefined, CertificationReceiptData);
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
