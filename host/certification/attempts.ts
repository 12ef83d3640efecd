/**
 * What face certification and the face check (the second factor) share on the host: asking the
 * hall server for the challenge, one idempotency key per attempt of a session (a retry of the same attempt reuses it,
 * so a lost answer never records a second attempt), and sending with retries while the hall
 * server does not answer. Descriptors are never logged.
 */
import { randomUUID } from 'node:crypto';
import {
  type FaceChallenge,
  type FaceChallengePurpose,
  type HallRoute,
  KioskError,
  type RouteCall,
  type RouteResult,
  faceChallengeRoutes,
} from '../../contracts';
import type { HallClient } from '../hall-client/hall-client';

/** The next attempt's challenge, issued by the hall server (the host never chooses one). */
export function requestChallenge(
  hall: Pick<HallClient, 'call'>,
  sessionId: string,
  purpose: FaceChallengePurpose,
): Promise<FaceChallenge> {
  return hall.call(faceChallengeRoutes.issueFaceChallenge, { params: { sessionId }, body: { purpose } });
}

/**
 * One idempotency key per attempt of the current session; another session starts afresh, and so
 * does a new challenge (`forget`): a screen opened again in the same session numbers its attempts
 * from 1 again, and must not be answered with an earlier visit's recorded decision.
 */
export class AttemptKeys {
  private keys: { sessionId: string; byAttempt: Map<number, string> } | null = null;

  /** A new challenge was issued: the attempts that follow are new ones, whatever their number. */
  forget(): void {
    this.keys = null;
  }

  keyFor(sessionId: string, attempt: number): string {
    if (this.keys?.sessionId !== sessionId) this.keys = { sessionId, byAttempt: new Map() };
    let key = this.keys.byAttempt.get(attempt);
    if (!key) {
      key = randomUUID();
      this.keys.byAttempt.set(attempt, key);
    }
    return key;
  }
}

export interface RetryOptions {
  /** Tries of one submission while the hall server does not answer (default 3). */
  submitTries?: number;
  /** Pause between tries (default 500 ms). */
  retryDelayMs?: number;
}

/** POSTs one attempt's evidence (the same body, the same key, every try). */
export async function postAttempt<R extends HallRoute>(
  hall: Pick<HallClient, 'call'>,
  route: R,
  input: RouteCall<R>,
  options: RetryOptions,
): Promise<RouteResult<R>> {
  const tries = options.submitTries ?? 3;
  for (let i = 1; ; i++) {
    try {
      return await hall.call(route, input);
    } catch (error) {
      const retry = error instanceof KioskError && error.code === 'serverUnreachable' && i < tries;
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 500));
    }
  }
}
