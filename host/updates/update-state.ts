/**
 * What the updater must remember across restarts, in `<dataDir>/updates/state.json` (written to a
 * temporary file, flushed and renamed, so a power cut leaves the old state or the new one).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ReleaseManifest, UpdateReportRequest } from '../../contracts/updates';

/** A checked package kept on disk, by version. */
export interface KeptPackage {
  manifest: ReleaseManifest;
  path: string;
}

/** A version on trial: installed, not yet proven by a healthy heartbeat. */
export interface Probation {
  releaseId: string;
  version: string;
  /** The version to go back to, and its kept package. */
  previousVersion: string;
  installedAt: string;
  /** When, without a healthy heartbeat, the previous version is installed again. */
  deadline: string;
}

export interface UpdateState {
  packages: Record<string, KeptPackage>;
  probation: Probation | null;
  /** Releases this terminal will not try again (refused, failed or rolled back), with the code. */
  refused: Record<string, string>;
  /** Reports the hall server has not taken yet. */
  pendingReports: UpdateReportRequest[];
}

const empty = (): UpdateState => ({ packages: {}, probation: null, refused: {}, pendingReports: [] });

/** The state file of a data folder. */
export class UpdateStateFile {
  readonly dir: string;
  private readonly file: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'updates');
    this.file = path.join(this.dir, 'state.json');
  }

  read(): UpdateState {
    try {
      return { ...empty(), ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<UpdateState>) };
    } catch {
      return empty();
    }
  }

  write(state: UpdateState): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(state, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
