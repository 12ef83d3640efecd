/**
 * Statements on the A4 printer: the hall server first counts the pages (`preview`, so the screen can ask
 * before a long print), then issues the statement (idempotent by `requestId`) and
 * gives its signed PDF; the host hands the bytes to the printer's queue and follows the job to its end,
 * telling the renderer each stage (`printProgress`). A failed print is retried by fetching the same
 * statement's PDF again (`reprint`), never by issuing a second statement.
 */
import { KioskError, type PrintFailure, type PrintProgress, type StatementRequest } from '../../contracts';
import { type StatementIssued, type StatementPreview, statementRoutes } from '../../contracts/statements';
import { DeviceJobError, type DeviceManager } from '../device-manager/device-manager';
import type { HostEvents } from '../events';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';
import type { SecondFactor } from './second-factor';

/** How long a job may take on the printer before the person is told it failed. */
export const A4_JOB_TIMEOUT_MS = 120_000;

export interface StatementPrintingDeps {
  sessions: Pick<SessionManager, 'requireSessionId' | 'touch'>;
  hall: Pick<HallClient, 'call'>;
  devices: Pick<DeviceManager, 'printA4' | 'waitForA4Job'>;
  events: HostEvents;
  secondFactor: Pick<SecondFactor, 'isVerified'>;
  jobTimeoutMs?: number;
}

const titles = { rightsStatement: '个人权益记录单', insuranceCertificate: '参保证明' } as const;

/** Issues and prints statements, one stage at a time. */
export class StatementPrinting {
  constructor(private readonly deps: StatementPrintingDeps) {}

  /** The real page count of what `request` would print (the hall server renders it; nothing is issued). */
  async preview(request: StatementRequest): Promise<StatementPreview> {
    const sessionId = this.sessionId();
    if (!this.deps.secondFactor.isVerified())
      throw new KioskError('secondFactorRequired', 'the second factor is needed first');
    const preview = await this.deps.hall.call(statementRoutes.previewStatement, {
      params: { sessionId },
      body: request,
    });
    this.deps.sessions.touch();
    return preview;
  }

  /** Issues (or finds again, same requestId) the statement and prints it. */
  print(request: StatementRequest, requestId: string): Promise<PrintProgress> {
    return this.run(requestId, null, () => {
      const body = { ...request, requestId };
      return this.deps.hall.call(statementRoutes.issueStatement, { params: { sessionId: this.sessionId() }, body });
    });
  }

  /** Prints an issued statement again from its stored PDF. */
  reprint(statementId: string, requestId: string): Promise<PrintProgress> {
    return this.run(requestId, statementId, () =>
      this.deps.hall.call(statementRoutes.getStatement, { params: { sessionId: this.sessionId(), statementId } }),
    );
  }

  private sessionId(): string {
    return this.deps.sessions.requireSessionId();
  }

  private async run(
    requestId: string,
    knownId: string | null,
    fetchStatement: () => Promise<StatementIssued>,
  ): Promise<PrintProgress> {
    const { events, devices } = this.deps;
    this.deps.sessions.requireSessionId();
    if (!this.deps.secondFactor.isVerified())
      throw new KioskError('secondFactorRequired', 'the second factor is needed first');
    let progress: PrintProgress = {
      requestId,
      stage: 'issuing',
      statementId: knownId,
      verificationCode: null,
      reason: null,
    };
    const stage = (next: Partial<PrintProgress>) => {
      progress = { ...progress, ...next };
      events.emit('printProgress', progress);
      return progress;
    };
    stage({});
    let issued: StatementIssued;
    try {
      issued = await fetchStatement();
    } catch (error) {
      log.warn('statements', 'the statement could not be issued or fetched', error);
      return stage({ stage: 'failed', reason: failureOf(error) });
    }
    stage({ stage: 'rendering', statementId: issued.statementId, verificationCode: issued.verificationCode });
    const pdf = Uint8Array.from(Buffer.from(issued.pdfBase64, 'base64'));
    try {
      const { jobId } = await devices.printA4(pdf, { title: `${titles[issued.kind]} ${issued.coverage}` });
      stage({ stage: 'queued' });
      this.deps.sessions.touch();
      stage({ stage: 'printing' });
      await devices.waitForA4Job(jobId, this.deps.jobTimeoutMs ?? A4_JOB_TIMEOUT_MS);
    } catch (error) {
      log.warn('statements', `a statement did not print (${failureOf(error)})`);
      return stage({ stage: 'failed', reason: failureOf(error) });
    } finally {
      pdf.fill(0);
    }
    this.deps.sessions.touch();
    log.info('statements', `a ${issued.kind} was printed`);
    return stage({ stage: 'done' });
  }
}

/** A failure as a code the screen turns into a sentence. */
export function failureOf(error: unknown): PrintFailure {
  if (error instanceof DeviceJobError) {
    const reason = error.reason.toLowerCase();
    if (reason.includes('paper') || reason.includes('media-empty')) return 'paperOut';
    if (reason === 'timeout') return 'timeout';
    if (reason === 'jobfailed' || reason === 'jobcancelled') return 'jobFailed';
    return 'printerFailed';
  }
  if (error instanceof KioskError) {
    if (error.code === 'serverUnreachable') return 'serverUnreachable';
    if (error.code === 'forbidden' || error.code === 'secondFactorRequired') return 'notAllowed';
  }
  return 'internal';
}
