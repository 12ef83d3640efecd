/** The host's implementation of every KioskApi method. */
import type { KioskHandlers } from '../contracts';
import { type AppointmentDeps, createAppointmentHandlers } from './appointments/appointment-handlers';
import type { CitizenHandlers } from './citizen/handlers';
import { createMaintenanceHandlers, type MaintenanceDeps } from './fleet/maintenance';
import { type CertificationDeps, createCertificationHandlers } from './certification/certification-handlers';
import type { DeviceManager } from './device-manager/device-manager';
import type { HallClient } from './hall-client/hall-client';
import type { PaymentHandlers } from './payment/payment-handlers';
import { createQueueHandlers, type QueueHandlerDeps } from './queue/queue-handlers';
import { createRecoveryHandlers, type RecoveryDeps } from './recovery/recovery-handlers';
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
  /** The 预约 service (host/appointments/); absent: built from `hall`, `sessions` and `devices`. */
  appointments?: Pick<AppointmentDeps, 'onError'>;
  /** Payment (host/payment/). */
  payment: PaymentHandlers;
  /** The page's heartbeat and caught faults (host/recovery). */
  recovery: RecoveryDeps;
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
    ...areas.payment,
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
    ...createAppointmentHandlers({
      hall,
      sessions,
      devices: deps.devices,
      onError: deps.appointments?.onError ?? (() => {}),
    }),
    ...createRecoveryHandlers(areas.recovery),
  };
}
