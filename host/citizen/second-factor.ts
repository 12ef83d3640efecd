/**
 * The session's second factor on this terminal: the social security card checks its own PIN in the
 * reader (the PIN never leaves the host, is never kept or logged), and on success the host records it
 * on the hall server. Only a session opened with that card can use this route.
 */
import { KioskError, type PinResult, type SecondFactorView } from '../../contracts';
import { SecondFactorResponse } from '../../contracts/inquiry';
import type { DeviceManager } from '../devices/device-manager';
import type { HallClient } from '../hall-client/hall-client';
import { log } from '../log';
import type { SessionManager } from '../session/session-manager';

export interface SecondFactorDeps {
  sessions: Pick<SessionManager, 'view' | 'requireSessionId'>;
  devices: Pick<DeviceManager, 'verifySsCardPin'>;
  hall: Pick<HallClient, 'request'>;
}

/** Tracks which session has passed its second factor. */
export class SecondFactor {
  private verifiedSessionId: string | null = null;

  constructor(private readonly deps: SecondFactorDeps) {}

  /** Whether the open session has passed, and how it could. */
  view(): SecondFactorView {
    const session = this.deps.sessions.view();
    if (!session) throw new KioskError('noSession', 'no session is open');
    return {
      verified: this.isVerified(),
      route: session.identifiedBy === 'ssCard' ? 'ssCardPin' : 'notAvailable',
    };
  }

  /** True when the open session has passed (a new session starts over). */
  isVerified(): boolean {
    const session = this.deps.sessions.view();
    if (!session) return false;
    return this.verifiedSessionId !== null && this.verifiedSessionId === this.deps.sessions.requireSessionId();
  }

  /** Checks the PIN on the card; on success records the second factor on the hall server. */
  async verifyPin(pin: string): Promise<PinResult> {
    const session = this.deps.sessions.view();
    const sessionId = this.deps.sessions.requireSessionId();
    if (session?.identifiedBy !== 'ssCard')
      throw new KioskError('forbidden', 'a PIN check needs a session opened with a social security card');
    const outcome = await this.deps.devices.verifySsCardPin(pin);
    if (outcome.status === 'failed') throw new KioskError('deviceFailed', `the PIN check failed (${outcome.reason})`);
    log.info('secondFactor', `PIN check: ${outcome.status}`);
    if (outcome.status !== 'ok') return outcome;
    await this.deps.hall.request(
      'POST',
      `/api/v1/sessions/${encodeURIComponent(sessionId)}/second-factor`,
      { method: 'ssCardPin' },
      SecondFactorResponse,
    );
    this.verifiedSessionId = sessionId;
    return { status: 'ok' };
  }
}
