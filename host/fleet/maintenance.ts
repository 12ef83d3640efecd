/**
 * Maintenance mode on the terminal: a staff member signs in with staff id and PIN (checked by the
 * hall server, which also rate-limits wrong PINs), then may test-print, reset devices, restart,
 * close or reopen the terminal. The sign-in lapses after a few idle minutes or at sign-out.
 */
import { KioskError, type KioskHandlers, type MaintenanceStaff } from '../../contracts';
import type { DeviceManager } from '../device-manager/device-manager';
import { DeviceJobError } from '../device-manager/device-manager';
import { log } from '../log';
import type { TerminalStatusStore } from '../terminal-status';
import { printReceipt } from '../queue/ticket-printer';
import type { FleetClient } from './fleet-client';
import type { RecentErrors } from './recent-errors';
import { testPrintJob } from './test-print';

/** A signed-in staff member is signed out after this long without a maintenance call. */
export const MAINTENANCE_IDLE_MS = 5 * 60_000;

export interface MaintenanceDeps {
  fleet: Pick<FleetClient, 'staffCheck'>;
  devices: Pick<DeviceManager, 'printReceipt' | 'resetDevice'>;
  status: TerminalStatusStore;
  errors: RecentErrors;
  appVersion: string;
  startedAt: number;
  /** Asks the shell to restart the application (after the reply has gone out). */
  requestRestart(): void;
  now?: () => number;
}

type MaintenanceHandlers = Pick<
  KioskHandlers,
  | 'staffSignIn'
  | 'staffSignOut'
  | 'maintenanceStatus'
  | 'testPrint'
  | 'reconnectDevice'
  | 'restartApp'
  | 'setOutOfService'
  | 'recentErrors'
>;

/** Builds the maintenance handlers; all but sign-in answer `forbidden` without a signed-in staff member. */
export function createMaintenanceHandlers(deps: MaintenanceDeps): MaintenanceHandlers {
  const now = deps.now ?? Date.now;
  let signedIn: { staff: MaintenanceStaff; lastUse: number } | null = null;
  let testPrints = 0;

  function requireStaff(): MaintenanceStaff {
    if (!signedIn || now() - signedIn.lastUse > MAINTENANCE_IDLE_MS) {
      signedIn = null;
      throw new KioskError('forbidden', 'maintenance needs a signed-in staff member');
    }
    signedIn.lastUse = now();
    return signedIn.staff;
  }

  return {
    staffSignIn: async ({ staffId, pin }) => {
      try {
        const checked = await deps.fleet.staffCheck({ staffId, pin });
        signedIn = { staff: { staffId: checked.staffId, name: checked.name }, lastUse: now() };
        log.info('maintenance', 'a staff member signed in');
        return signedIn.staff;
      } catch (error) {
        if (error instanceof KioskError) deps.errors.add(`staffSignIn:${error.code}`);
        throw error;
      }
    },
    staffSignOut: async () => {
      signedIn = null;
      return null;
    },
    maintenanceStatus: async () => {
      const staff = requireStaff();
      const s = deps.status.get();
      return {
        staff,
        terminalId: s.terminalId,
        appVersion: deps.appVersion,
        uptimeS: Math.max(0, Math.floor((now() - deps.startedAt) / 1000)),
        inService: s.inService,
        serverReachable: s.serverReachable,
        devices: s.devices,
        recentErrors: deps.errors.list(),
      };
    },
    testPrint: async () => {
      requireStaff();
      testPrints += 1;
      const job = testPrintJob(deps.status.get().terminalId, new Date(now()).toISOString());
      return printReceipt(deps.devices, job, `test-print-${deps.startedAt}-${testPrints}`, (c) => deps.errors.add(c));
    },
    reconnectDevice: async ({ device }) => {
      requireStaff();
      try {
        return await deps.devices.resetDevice(device);
      } catch (error) {
        if (error instanceof DeviceJobError) deps.errors.add(`${device}:${error.reason}`);
        throw error;
      }
    },
    restartApp: async () => {
      requireStaff();
      signedIn = null;
      // Let the reply reach the screen before the application goes away.
      setTimeout(() => deps.requestRestart(), 300).unref();
      return null;
    },
    setOutOfService: async ({ inService }) => {
      requireStaff();
      deps.status.closeHere(!inService);
      log.info('maintenance', `staff ${inService ? 'reopened' : 'closed'} the terminal here`);
      return { inService: deps.status.get().inService };
    },
    recentErrors: async () => {
      requireStaff();
      return deps.errors.list();
    },
  };
}
