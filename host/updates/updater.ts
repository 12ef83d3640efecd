/**
 * The terminal's updater. Every check: take the hall server's signed offer, verify it with the
 * pinned keys, make sure the package of the running version is kept (to roll back to), download the
 * new package and check its size and SHA-512, and install it ONLY when the terminal is idle (no
 * citizen session, nothing printing). The new version is then on probation: the first heartbeat the
 * hall server accepts from it confirms it (`installed` is reported); with none before the deadline
 * (`healthWindowMs`, default 10 minutes) the previous package is installed again, `rolledBack` is
 * reported (the server then pauses that rollout in the hall) and the release is never tried again.
 * The state survives restarts (update-state.ts), and reports wait there until the server takes them.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type {
  ReleaseManifest,
  SignedManifest,
  UpdateArch,
  UpdateKind,
  UpdateOfferResponse,
  UpdateReportRequest,
  UpdateResult,
} from '../../contracts/updates';
import { log } from '../log';
import type { Installer, VerifiedPackage } from './installer';
import { type KeptPackage, type UpdateState, UpdateStateFile } from './update-state';
import { UpdateRefused, verifyFile, verifyManifest } from './verify';

/** The hall server, as the updater needs it. */
export interface UpdateClient {
  offer(query: { kind: UpdateKind; arch: UpdateArch; version: string }): Promise<UpdateOfferResponse>;
  download(manifest: ReleaseManifest): Promise<Uint8Array>;
  report(body: UpdateReportRequest): Promise<unknown>;
}

export interface UpdaterOptions {
  client: UpdateClient;
  installer: Installer;
  /** Pinned update keys (verify.ts `pinnedKeys`). */
  keys: ReadonlyMap<string, KeyObject>;
  kind: UpdateKind;
  arch: UpdateArch;
  /** The version running now. */
  appVersion: string;
  dataDir: string;
  /** No citizen session and nothing printing. */
  idle(): boolean;
  /** Restarts the application (the new version runs after it). */
  requestRestart(): void;
  /** How long a new version has to send a healthy heartbeat (default 10 minutes). */
  healthWindowMs?: number;
  /** How often to check the offer (default 5 minutes; 15 s while a package waits for an idle moment). */
  checkIntervalMs?: number;
  /** Extra checks just before installing (the Electron path checks the signed feed). */
  beforeInstall?(pkg: VerifiedPackage): Promise<void>;
  now?: () => number;
}

/** What one check did. */
export type UpdateStep =
  'upToDate' | 'refused' | 'waitingForIdle' | 'installed' | 'failed' | 'onProbation' | 'rolledBack' | 'unreachable';

export const DEFAULT_HEALTH_WINDOW_MS = 10 * 60_000;

export class Updater {
  private readonly stateFile: UpdateStateFile;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<UpdateStep> | null = null;
  private lastStep: UpdateStep | null = null;

  constructor(private readonly options: UpdaterOptions) {
    this.stateFile = new UpdateStateFile(options.dataDir);
    this.now = options.now ?? Date.now;
  }

  /** Checks now (a version on probation past its deadline is rolled back first), then periodically. */
  start(): void {
    const tick = () => {
      void this.check().then((step) => {
        if (!this.timer) return;
        const waiting = step === 'waitingForIdle' || step === 'onProbation';
        this.timer = setTimeout(tick, waiting ? 15_000 : (this.options.checkIntervalMs ?? 5 * 60_000));
        this.timer.unref();
      });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The state as kept on disk (the maintenance screen and tests read it). */
  state(): UpdateState {
    return this.stateFile.read();
  }

  /** One check; concurrent calls share it. */
  check(): Promise<UpdateStep> {
    this.running ??= this.checkOnce()
      .catch((error: unknown): UpdateStep => {
        log.warn('updates', 'update check failed', error);
        return 'unreachable';
      })
      .finally(() => (this.running = null));
    return this.running.then((step) => {
      if (step !== this.lastStep) log.info('updates', `update check: ${step}`);
      this.lastStep = step;
      return step;
    });
  }

  /** The hall server accepted a heartbeat of this version: a version on probation is confirmed. */
  async healthyHeartbeat(): Promise<void> {
    const state = this.stateFile.read();
    const trial = state.probation;
    if (!trial || trial.version !== this.options.appVersion) return;
    state.probation = null;
    // Keep the confirmed package and the one before it; older ones go.
    state.packages = Object.fromEntries(
      Object.entries(state.packages).filter(([v]) => v === trial.version || v === trial.previousVersion),
    );
    this.queueReport(state, trial.releaseId, 'installed', null);
    this.stateFile.write(state);
    await this.flushReports();
  }

  private async checkOnce(): Promise<UpdateStep> {
    await this.flushReports();
    const state = this.stateFile.read();
    if (state.probation) return this.probation(state);
    const { appVersion } = this.options;
    const answer = await this.options.client.offer({
      kind: this.options.kind,
      arch: this.options.arch,
      version: appVersion,
    });
    const signed = answer.offer;
    if (!signed || signed.manifest.version === appVersion) return 'upToDate';
    if (state.refused[signed.manifest.releaseId]) return 'refused';
    let next: KeptPackage;
    try {
      const manifest = verifyManifest(signed, this.options.keys);
      if (!state.packages[appVersion]) await this.keepCurrent(state, answer.current);
      next = await this.keep(state, manifest);
    } catch (error) {
      if (!(error instanceof UpdateRefused)) throw error;
      log.warn('updates', `release refused: ${error.code}`);
      // Not remembered as given up: a download spoiled on the way is fetched again next time.
      this.queueReport(state, signed.manifest.releaseId, 'refused', error.code);
      this.stateFile.write(state);
      await this.flushReports();
      return 'refused';
    }
    if (!this.options.idle()) return 'waitingForIdle';
    await this.options.beforeInstall?.(next);
    const at = this.now();
    state.probation = {
      releaseId: next.manifest.releaseId,
      version: next.manifest.version,
      previousVersion: appVersion,
      installedAt: new Date(at).toISOString(),
      deadline: new Date(at + (this.options.healthWindowMs ?? DEFAULT_HEALTH_WINDOW_MS)).toISOString(),
    };
    this.stateFile.write(state); // before installing: a power cut mid-install still rolls back
    try {
      await this.options.installer.install(next);
    } catch (error) {
      const code = errorCode(error, 'installFailed');
      log.warn('updates', `install failed: ${code}`);
      state.probation = null;
      state.refused[next.manifest.releaseId] = code;
      this.queueReport(state, next.manifest.releaseId, 'failed', code);
      this.stateFile.write(state);
      await this.flushReports();
      return 'failed';
    }
    log.info('updates', `installed ${next.manifest.version}; restarting into it`);
    this.options.requestRestart();
    return 'installed';
  }

  /** A version on trial: wait for its healthy heartbeat, or roll back after the deadline. */
  private async probation(state: UpdateState): Promise<UpdateStep> {
    const trial = state.probation!;
    if (trial.version !== this.options.appVersion) {
      // The install did not take (the old version came back up): give the release up.
      state.probation = null;
      state.refused[trial.releaseId] = 'notRunning';
      this.queueReport(state, trial.releaseId, 'failed', 'notRunning');
      this.stateFile.write(state);
      await this.flushReports();
      return 'failed';
    }
    if (this.now() < Date.parse(trial.deadline)) return 'onProbation';
    if (!this.options.idle()) return 'waitingForIdle';
    const previous = state.packages[trial.previousVersion];
    if (!previous) throw new Error(`no kept package of ${trial.previousVersion} to roll back to`);
    log.warn('updates', `no healthy heartbeat from ${trial.version} in time: rolling back to ${trial.previousVersion}`);
    await this.options.installer.install(previous);
    state.probation = null;
    state.refused[trial.releaseId] = 'noHealthyHeartbeat';
    this.queueReport(state, trial.releaseId, 'rolledBack', 'noHealthyHeartbeat', trial.previousVersion);
    this.stateFile.write(state);
    await this.flushReports();
    this.options.requestRestart();
    return 'rolledBack';
  }

  /** The package of the running version, from the server's `current` (it is what we roll back to). */
  private async keepCurrent(state: UpdateState, current: SignedManifest | null): Promise<void> {
    if (!current) throw new UpdateRefused('noRollbackPackage');
    const manifest = verifyManifest(current, this.options.keys);
    if (manifest.version !== this.options.appVersion) throw new UpdateRefused('noRollbackPackage');
    await this.keep(state, manifest);
  }

  /** Downloads, checks and keeps a package (already kept with the same SHA-512: nothing to do). */
  private async keep(state: UpdateState, manifest: ReleaseManifest): Promise<KeptPackage> {
    const kept = state.packages[manifest.version];
    if (kept && kept.manifest.sha512 === manifest.sha512) return kept;
    const bytes = await this.options.client.download(manifest);
    verifyFile(bytes, manifest);
    const dir = path.join(this.stateFile.dir, 'packages', manifest.version);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, manifest.fileName);
    writeFileSync(`${file}.part`, bytes);
    renameSync(`${file}.part`, file);
    const pkg = { manifest, path: file };
    state.packages[manifest.version] = pkg;
    this.stateFile.write(state);
    return pkg;
  }

  private queueReport(
    state: UpdateState,
    releaseId: string,
    result: UpdateResult,
    detail: string | null,
    runningVersion = this.options.appVersion,
  ): void {
    if (state.pendingReports.some((r) => r.releaseId === releaseId && r.result === result)) return;
    state.pendingReports.push({ releaseId, result, runningVersion, detail });
  }

  /** Sends the waiting reports, oldest first; one the server does not take stays for next time. */
  private async flushReports(): Promise<void> {
    const state = this.stateFile.read();
    while (state.pendingReports.length > 0) {
      try {
        await this.options.client.report(state.pendingReports[0]!);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        // The server refused it for good (an unknown release): keeping it would block the others.
        if (code !== 'notFound' && code !== 'invalidRequest') {
          log.warn('updates', 'update report not taken yet', error);
          return;
        }
      }
      state.pendingReports.shift();
      this.stateFile.write(state);
    }
  }
}

function errorCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length <= 200 ? code : fallback;
}
