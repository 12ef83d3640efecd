/** Assembles the kiosk host: hall client, session, device manager, status, KioskApi. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificationRoutes, isValidIdNumber, kioskMethods, parseECardCode } from '../contracts';
import type { CertificationDeps } from './certification/certification-handlers';
import { createCitizen } from './citizen/handlers';
import { deviceNames, type HostConfig } from './config';
import type { DeviceManager } from './device-manager/device-manager';
import { createDispatcher } from './dispatch';
import { HostEvents } from './events';
import { HallClient } from './hall-client/hall-client';
import { Heartbeat } from './heartbeat';
import { CommandPoller } from './fleet/command-poller';
import { createCommandExecutor } from './fleet/fleet-commands';
import { createFleetClient } from './fleet/fleet-client';
import { RecentErrors } from './fleet/recent-errors';
import { createKioskHandlers } from './kiosk-handlers';
import type { KioskHost } from './kiosk-host';
import { log } from './log';
import { createPayment } from './payment/payment-handlers';
import { hallPayment } from './payment/payment-hall';
import { PaymentJournal } from './payment/payment-journal';
import type { PaymentTimings } from './payment/payment-desk';
import { createQueueClient } from './queue/queue-client';
import { TicketDesk } from './queue/ticket-desk';
import { SessionManager } from './session/session-manager';
import { TerminalStatusStore } from './terminal-status';
import type { AutoUpdaterLike } from './updates/electron-installer';
import { countingPrints, setupUpdates } from './updates/setup-updates';
import { RendererRecovery } from './recovery/renderer-recovery';
import { chooseKeyStore } from './terminal-key/choose-store';
import { TerminalCredentials } from './terminal-key/credentials';
import { KeyEnrolment } from './terminal-key/enrol';
import { lazyKeyStore } from './terminal-key/lazy-store';
import type { TerminalKeyStore } from './terminal-key/key-store';
import type { SafeStorageLike } from './terminal-key/safe-storage-store';

export interface CreateHostOptions {
  config: HostConfig;
  devices: DeviceManager;
  fetch?: typeof fetch;
  /** How often the terminal re-checks the hall server while it is unreachable or idle. */
  profileIntervalMs?: number;
  /** Reported in heartbeats (default: the package version npm ran us with, else "dev"; the shell passes app.getVersion()). */
  appVersion?: string;
  /** How long the server may hold a staff-command poll (default 20 s). */
  commandWaitMs?: number;
  /**
   * Where the terminal keeps its files (the content cache). An installed terminal passes its data
   * folder (host/config-location.ts); the temp-dir default is for tests and the embedded default only.
   */
  dataDir?: string;
  /**
   * Where the terminal's private key is kept (host/terminal-key/): default, the best store found for
   * `dataDir` (chooseKeyStore); null keeps the secret alone (no key, nothing signed).
   */
  keyStore?: TerminalKeyStore | null;
  /** Electron's safeStorage, passed by the shell (DPAPI, Keychain, libsecret/kwallet). */
  safeStorage?: SafeStorageLike;
  /** electron-updater's autoUpdater, for an Electron terminal whose config has `updates.kind: electron`. */
  autoUpdater?: AutoUpdaterLike;
  /** Tests only: shorter payment steps and retries. */
  paymentTimings?: Partial<PaymentTimings>;
  /** Tests only: certification retry options (never from a config file; the hall server picks challenges). */
  certification?: Pick<CertificationDeps, 'submitTries' | 'retryDelayMs'>;
}

/** Builds a host; nothing runs until `start()`. */
export function createKioskHost(options: CreateHostOptions): KioskHost {
  const { config } = options;
  const { devices, printing } = countingPrints(options.devices);
  const events = new HostEvents();
  const dataDir = options.dataDir ?? path.join(tmpdir(), `kiosk-host-${config.terminalId}`);
  const credentials = new TerminalCredentials({
    terminalId: config.terminalId,
    secret: config.terminalSecret,
    keyStore:
      options.keyStore === undefined
        ? lazyKeyStore(() => chooseKeyStore({ dataDir, safeStorage: options.safeStorage }))
        : options.keyStore,
  });
  const hall = new HallClient({
    baseUrl: config.hallServerUrl,
    terminalId: config.terminalId,
    terminalSecret: config.terminalSecret,
    timeoutMs: config.requestTimeoutMs,
    fetch: options.fetch,
    credentials,
  });
  const enrolment = new KeyEnrolment(hall, credentials);
  const status = new TerminalStatusStore(config.terminalId, events);
  const notInstalled = deviceNames.filter((name) => config.devices[name].kind === 'none');
  if (notInstalled.length > 0) status.update({ notInstalled });
  const sessions = new SessionManager({ hall, events, timeoutMs: config.sessionTimeoutMs });
  const appVersion = options.appVersion ?? process.env.npm_package_version ?? 'dev';
  const restartListeners = new Set<() => void>();
  const errors = new RecentErrors();
  const requestRestart = () => {
    log.info('host', 'restarting the application');
    events.emit('appRestarting', {});
    for (const l of restartListeners) l();
  };
  const queue = createQueueClient(hall);
  const desk = new TicketDesk({
    queue,
    devices,
    sessionId: () => (sessions.view() ? sessions.requireSessionId() : null),
    inService: () => status.get().inService,
    onError: (code) => errors.add(code),
  });
  // The staff-command long-poll needs a longer timeout than an ordinary request.
  const commandWaitMs = options.commandWaitMs ?? 20_000;
  const longPollHall = new HallClient({
    baseUrl: config.hallServerUrl,
    terminalId: config.terminalId,
    terminalSecret: config.terminalSecret,
    timeoutMs: commandWaitMs + config.requestTimeoutMs,
    fetch: options.fetch,
    credentials,
  });
  const fleet = createFleetClient(hall);
  const commands = new CommandPoller({
    client: { commands: createFleetClient(longPollHall).commands, ack: fleet.ack },
    execute: createCommandExecutor({ devices, status, requestRestart, onError: (code) => errors.add(code) }),
    waitMs: commandWaitMs,
    onError: (code) => errors.add(code),
  });
  const citizen = createCitizen({
    sessions,
    hall,
    devices,
    events,
    status,
    dataDir,
    faceCheck: options.certification,
  });
  const heartbeat = new Heartbeat({
    hall,
    status,
    appVersion,
    intervalMs: config.heartbeatIntervalMs,
    onAccepted: () =>
      void updater
        ?.healthyHeartbeat()
        .catch((error: unknown) => log.warn('updates', 'could not confirm the version', error)),
  });
  const recovery = new RendererRecovery({
    staleMs: config.recovery.rendererStaleMs,
    quietHour: config.recovery.quietHour,
    timeZone: () => status.get().hallTimeZone,
    idle: () => sessions.view() === null,
    onFault: (code) => {
      errors.add(code);
      heartbeat.recordError(code);
    },
  });
  // A reload is asked of the page itself too (it may be alive but stuck); the shell does the rest.
  recovery.onRequest((request) => {
    // A silent page serves nobody: whoever was at it is signed out and wiped before it comes back.
    if (request.reason === 'rendererHung' && sessions.view()) sessions.end('error');
    if (request.action === 'reload') events.emit('reloadRenderer', { reason: request.reason });
  });
  const payment = createPayment({
    sessions,
    hall: hallPayment(hall),
    devices,
    events,
    status,
    timings: options.paymentTimings,
    journal: new PaymentJournal(dataDir),
  });
  const handlers = createKioskHandlers({
    sessions,
    hall,
    status,
    queue: { queue, desk, sessions },
    maintenance: { fleet, devices, status, errors, appVersion, startedAt: Date.now(), requestRestart },
    citizen: citizen.handlers,
    payment: payment.handlers,
    devices,
    certification: options.certification,
    appointments: { onError: (code) => errors.add(code) },
    recovery: { recovery, sessions },
  });
  const dispatch = createDispatcher(kioskMethods, handlers);
  const updater = config.updates
    ? setupUpdates({
        updates: config.updates,
        hall,
        hallServerUrl: config.hallServerUrl,
        terminalId: config.terminalId,
        terminalSecret: config.terminalSecret,
        credentials,
        appVersion,
        dataDir,
        idle: () => sessions.view() === null && printing() === 0,
        requestRestart,
        autoUpdater: options.autoUpdater,
        fetch: options.fetch,
      })
    : null;
  const qrListeners = new Set<(text: string) => void>();
  let profileTimer: NodeJS.Timeout | null = null;
  let started = false;
  const unsubscribers: Array<() => void> = [];

  async function refreshProfile(): Promise<void> {
    try {
      await enrolment.attempt(); // at once when done; until then each refresh tries again
      const profile = await hall.terminalProfile();
      status.update({
        hallName: profile.hallName,
        hallNameEn: profile.hallNameEn,
        hallTimeZone: profile.hallTimeZone,
        inService: profile.inService,
        serverReachable: true,
        alternatives: profile.alternatives,
      });
    } catch (error) {
      log.warn('host', 'hall server not reachable', error);
      status.update({ serverReachable: false });
    }
  }

  return {
    call: dispatch,
    onEvent: (listener) => events.on(listener),
    onQrScanned: (listener) => {
      qrListeners.add(listener);
      return () => qrListeners.delete(listener);
    },
    shownPaymentQr: () => payment.shownQr(),
    enrolFaceReference: (body) => hall.call(certificationRoutes.enrolFaceReference, { body }),
    onRecovery: (listener) => recovery.onRequest(listener),
    recoverWhenIdle: (request) => recovery.whenIdle(request),
    onRestartRequested: (listener) => {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
    async start() {
      if (started) return; // The shell may start a host its launcher already started.
      started = true;
      unsubscribers.push(
        devices.onIdCard((card) => {
          if (!isValidIdNumber(card.idNumber)) {
            log.warn('host', 'a card with an invalid ID number was read');
            events.emit('cardProblem', { code: 'cardInvalid' });
            return;
          }
          void sessions.openFromIdCard(card);
        }),
        devices.onIdCardRemoved(() => sessions.cardRemoved()),
        devices.onSsCard((card) => {
          if (!isValidIdNumber(card.idNumber)) {
            log.warn('host', 'a social security card with an invalid ID number was read');
            events.emit('cardProblem', { code: 'cardInvalid' });
            return;
          }
          void sessions.openFromSsCard(card);
        }),
        devices.onSsCardRemoved(() => sessions.cardRemoved()),
        // An e-card code opens a session (the hall server verifies it); other scans (receipt
        // barcodes, later) go no further than the host's listeners. Never log a scan's content.
        devices.onQrScanned((text) => {
          // While a payment waits for the phone's payment code, every scan is the payment's.
          if (payment.scanned(text)) return;
          const eCard = parseECardCode(text);
          if (eCard) {
            log.info('host', 'an e-card code was scanned');
            void sessions.openFromECard({ text, signedPart: eCard.signedPart });
            return;
          }
          log.info('host', `a code was scanned (${text.length} characters)`);
          citizen.scanned(text);
          for (const l of qrListeners) l(text);
        }),
        // A session that ends mid-payment (card out, timeout, 退出) cancels the payment at the server.
        events.on((event, payload) => {
          if (event === 'sessionChanged' && (payload as { session: unknown }).session === null) payment.sessionEnded();
        }),
        devices.onHealth((health) => {
          if (health.state !== 'ok') errors.add(`${health.device}:${health.reason ?? health.state}`);
          status.setDevice(health);
          heartbeat.deviceChanged(health);
        }),
      );
      for (const health of devices.health()) status.setDevice(health);
      await devices.start();
      await refreshProfile();
      profileTimer = setInterval(() => void refreshProfile(), options.profileIntervalMs ?? 15_000);
      profileTimer.unref();
      heartbeat.start();
      commands.start();
      // Payments a killed host left in flight are settled at the server (in the background).
      void payment.recover();
      updater?.start();
      recovery.start();
    },
    async stop() {
      started = false;
      if (profileTimer) clearInterval(profileTimer);
      heartbeat.stop();
      commands.stop();
      updater?.stop();
      recovery.stop();
      payment.dispose();
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      sessions.dispose();
      await devices.stop();
    },
  };
}
