/**
 * The session's second factor on this terminal, two ways:
 * - the social security card checks its own PIN in the reader (the PIN never leaves the host, is
 *   never kept or logged), and on success the host records it on the hall server; only a session
 *   opened with that card can use this way;
 * - a face check: the renderer's face engine runs a liveness challenge and sends descriptors of the
 *   live face; the hall server matches them with the person's enrolled face and, on a pass, records
 *   the factor itself (the host only carries the evidence, with one idempotency key per attempt).
 */
import {
  type FaceChallenge,
  type FaceCheckOutcome,
  KioskError,
  type PinResult,
  type SecondFactorView,
  type SubmitCertificationParams,
} from '../../contracts';
import { type SecondFactorState, inquiryRoutes } from '../../contracts/inquiry';
import { AttemptKeys, postAttempt, requestChallenge, type RetryOptions } from '../certification/attempts';
import type { DeviceManager } from '../device-manager/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';

export interface SecondFactorDeps extends RetryOptions {
  sessions: Pick<SessionManager, 'view' | 'requireSessionId'>;
  devices: Pick<DeviceManager, 'verifySsCardPin' | 'ssCardPinPad' | 'verifySsCardPinOnPad'>;
  hall: Pick<HallClient, 'call'>;
}

/** Tracks which session has passed its second factor. */
export class SecondFactor {
  private verifiedSessionId: string | null = null;
  private readonly keys = new AttemptKeys();

  constructor(private readonly deps: SecondFactorDeps) {}

  /**
   * Whether the open session has passed, and how it could (asked of the hall server: it knows
   * whether a face is enrolled). Without the server a card session can still use its PIN.
   */
  async view(): Promise<SecondFactorView> {
    const session = this.deps.sessions.view();
    if (!session) throw new KioskError('noSession', 'no session is open');
    const sessionId = this.deps.sessions.requireSessionId();
    const card = session.identifiedBy === 'ssCard';
    let state: SecondFactorState;
    try {
      state = await this.deps.hall.call(inquiryRoutes.secondFactorState, { params: { sessionId } });
    } catch (error) {
      if (!(card && error instanceof KioskError && error.code === 'serverUnreachable')) throw error;
      return { verified: this.isVerified(), route: 'ssCardPin', face: false, faceChecksLeft: 0, ...this.pinPad(true) };
    }
    if (state.method) this.verifiedSessionId = sessionId;
    const face = state.faceEnrolled && state.faceChecksLeft > 0;
    return {
      verified: this.isVerified(),
      route: card ? 'ssCardPin' : face ? 'face' : 'notAvailable',
      face,
      faceChecksLeft: state.faceEnrolled ? state.faceChecksLeft : 0,
      ...this.pinPad(card),
    };
  }

  private pinPad(card: boolean): { pinPad?: true } {
    return card && this.deps.devices.ssCardPinPad() ? { pinPad: true } : {};
  }

  /** True when the open session has passed (a new session starts over). */
  isVerified(): boolean {
    const session = this.deps.sessions.view();
    if (!session) return false;
    return this.verifiedSessionId !== null && this.verifiedSessionId === this.deps.sessions.requireSessionId();
  }

  /**
   * Checks the PIN on the card (typed on the screen, or, without `pin`, on the reader's PIN pad);
   * on success records the second factor on the hall server.
   */
  async verifyPin(pin?: string): Promise<PinResult> {
    const session = this.deps.sessions.view();
    const sessionId = this.deps.sessions.requireSessionId();
    if (session?.identifiedBy !== 'ssCard')
      throw new KioskError('forbidden', 'a PIN check needs a session opened with a social security card');
    if (pin === undefined && !this.deps.devices.ssCardPinPad())
      throw new KioskError('invalidRequest', 'this reader has no PIN pad: type the PIN on the screen');
    const outcome =
      pin === undefined ? await this.deps.devices.verifySsCardPinOnPad() : await this.deps.devices.verifySsCardPin(pin);
    if (outcome.status === 'failed') throw new KioskError('deviceFailed', `the PIN check failed (${outcome.reason})`);
    log.info('secondFactor', `PIN check: ${outcome.status}`);
    if (outcome.status !== 'ok') return outcome;
    await this.deps.hall.call(inquiryRoutes.secondFactor, { params: { sessionId }, body: { method: 'ssCardPin' } });
    this.verifiedSessionId = sessionId;
    return { status: 'ok' };
  }

  /** The next face check's challenge, issued by the hall server. */
  startFaceCheck(): Promise<FaceChallenge> {
    const sessionId = this.deps.sessions.requireSessionId();
    this.keys.forget();
    return requestChallenge(this.deps.hall, sessionId, 'faceCheck');
  }

  /** Sends one face check; the hall server decides, and a pass is this session's second factor. */
  async verifyFace({ attempt, ...evidence }: SubmitCertificationParams): Promise<FaceCheckOutcome> {
    const sessionId = this.deps.sessions.requireSessionId();
    const body = {
      ...evidence,
      requestId: this.keys.keyFor(sessionId, attempt),
      capturedAt: new Date().toISOString(),
    };
    let outcome: FaceCheckOutcome;
    try {
      outcome = await postAttempt(this.deps.hall, inquiryRoutes.faceCheck, { params: { sessionId }, body }, this.deps);
    } catch (error) {
      log.warn('secondFactor', `face check ${attempt} was not accepted`, error);
      throw error;
    }
    log.info('secondFactor', `face check ${attempt}: ${outcome.result}${outcome.reason ? ` (${outcome.reason})` : ''}`);
    // The session may have ended while the server was deciding (card pulled): it is not this one's.
    if (outcome.result === 'passed' && this.deps.sessions.view() && this.deps.sessions.requireSessionId() === sessionId)
      this.verifiedSessionId = sessionId;
    return outcome;
  }
}
