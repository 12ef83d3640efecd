/**
 * What pension certification and the face check (second factor) share around one camera attempt:
 * ask the host for the challenge, keep the session alive while the person follows prompts, and
 * send the captured evidence (descriptors and numbers only) for the hall server to decide. Each
 * screen keeps its own step reducer; this hook only feeds it the events below.
 */
import { useCallback, useEffect, useRef } from 'react';
import { type ErrorCode, type FaceChallenge, type SubmitCertificationParams, errorCodeOf } from '../../../../contracts';
import type { AttemptFailure, AttemptProgress, AttemptResult } from '../../face/engine-types';

export type AttemptEvent =
  | { type: 'start'; challenge: FaceChallenge }
  | { type: 'progress'; progress: AttemptProgress }
  | { type: 'captured' }
  | { type: 'engineFailed'; reason: AttemptFailure }
  | { type: 'failed'; code: ErrorCode };

export interface FaceAttemptOptions<O> {
  /** The attempt the camera step runs (its idempotency key on the host). */
  attempt: number;
  /** Asks the host for the next challenge. */
  begin(): Promise<FaceChallenge>;
  /** Sends one attempt's evidence. */
  submit(params: SubmitCertificationParams): Promise<O>;
  onOutcome(outcome: O): void;
  dispatch(event: AttemptEvent): void;
  /** Counts as a tap: the camera sees the person following prompts. */
  keepAlive(): void;
  /** The challenge the attempt answered (the step's). */
  challengeId(): string;
}

export function useFaceAttempt<O>(options: FaceAttemptOptions<O>): {
  start(): Promise<void>;
  onProgress(progress: AttemptProgress): void;
  onDone(result: AttemptResult): Promise<void>;
} {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const start = useCallback(async () => {
    try {
      const challenge = await latest.current.begin();
      if (alive.current) latest.current.dispatch({ type: 'start', challenge });
    } catch (error) {
      if (alive.current) latest.current.dispatch({ type: 'failed', code: errorCodeOf(error) });
    }
  }, []);

  const onProgress = useCallback((progress: AttemptProgress) => {
    // The person is in front of the camera: preparing (the camera step reports it every few seconds
    // until its limits), the quality prompts and the actions all count as activity.
    if (progress.step !== 'analysing') latest.current.keepAlive();
    latest.current.dispatch({ type: 'progress', progress });
  }, []);

  const { attempt } = options;
  const onDone = useCallback(
    async (result: AttemptResult) => {
      const { dispatch, submit } = latest.current;
      if (result.outcome === 'failed') {
        dispatch({ type: 'engineFailed', reason: result.reason });
        return;
      }
      dispatch({ type: 'captured' });
      try {
        const outcome = await submit({
          attempt,
          challengeId: latest.current.challengeId(),
          descriptors: result.descriptors,
          frames: result.frames,
          scores: { consistency: result.consistency, antiSpoof: result.antiSpoof, liveness: result.liveness },
        });
        if (alive.current) latest.current.onOutcome(outcome);
      } catch (error) {
        if (alive.current) latest.current.dispatch({ type: 'failed', code: errorCodeOf(error) });
      }
    },
    [attempt],
  );

  return { start, onProgress, onDone };
}
