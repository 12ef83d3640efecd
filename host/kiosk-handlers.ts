/** The host's implementation of every KioskApi method. */
import type { KioskHandlers } from '../contracts';
import type { CitizenHandlers } from './citizen/handlers';
import { createMaintenanceHandlers, type MaintenanceDeps } from './fleet/maintenance';
import { type CertificationDeps, createCertificationHandlers } from './certification/certification-handlers';
import type { DeviceManager } from './device-manager/device-manager';
import type { HallClient } from './hall-client/hall-client';
import { createQueueHandlers, type QueueHandlerDeps } from './queue/queue-handlers';
import type { SessionManager } from './session/session-manager';
import type { TerminalStatusStore } from './terminal-status';

export interface HandlerDeps {
  sessions: SessionManager;
  hall: Pick<HallClient, 'summary' | 'call'>;
  status: TerminalStatusStore;
  queue: QueueHandlerDeps;
  maintenance: MaintenanceDeps;
  /** Inquiry, PIN, cases, content and statements (host/citizen/handlers.ts). */
  citizen: CitizenHandlers;
  devices: Pick<DeviceManager, 'printReceipt'>;
  /** Certification options (tests: quicker retries). */
  certification?: Pick<CertificationDeps, 'submitTries' | 'retryDelayMs'>;
}

/** Builds the KioskApi handlers over the host's services. */
export function createKioskHandlers(deps: HandlerDeps): KioskHandlers {
  const { sessions, hall, status, ...areas } = deps;
  return {
    ...createQueueHandlers(areas.queue),
    ...createMaintenanceHandlers(areas.maintenance),
    ...areas.citizen,
    getStatus: async () => status.get(),
    getSession: async () => sessions.view(),
    getSummary: () => sessions.withSession((sessionId) => hall.summary(sessionId)),
    touchSession: async () => sessions.touch(),
    endSession: async () => {
      sessions.end('exit');
      return null;
    },
    getCardLeft: async () => sessions.cardLeft(),
    resumeWithCardLeft: async () => {
      await sessions.resumeWithCardLeft();
      return null;
    },
    ...createCertificationHandlers({ ...deps, ...deps.certification }),
  };
}
