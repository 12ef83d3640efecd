/**
 * The camera screen: the person's mirrored picture in a large oval guide, the current prompt in
 * huge type, and a countdown per action. Runs one engine attempt; stops the camera on unmount
 * (card pulled, timeout, 返回) and when the attempt ends.
 */
import { useEffect, useRef, useState } from 'react';
import type { FaceChallenge, LightStep } from '../../../../contracts';
import type { AttemptProgress, AttemptResult } from '../../face/engine-types';
import type { BrowserFaceEngine } from '../../face/engine';
import { faceEngine, openCamera, stopCamera } from './camera';
import type { CertificationTexts } from './texts';
import './certification.css';

/** The sentence for a progress report. */
export function promptFor(progress: AttemptProgress | null, t: CertificationTexts): string {
  if (!progress || progress.step === 'loading') return `${t.preparing}${t.lightNotice}。`;
  if (progress.step === 'quality') return t.quality[progress.problem ?? 'ok'];
  if (progress.step === 'action') return t.action[progress.action];
  return t.analysing;
}

/** The colour field the server's sequence shows `elapsed` ms after it started (white after it). */
export function lightAt(light: readonly LightStep[], elapsed: number): [number, number, number] {
  let end = 0;
  for (const step of light) {
    end += step.ms;
    if (elapsed < end) return step.rgb;
  }
  return [255, 255, 255];
}

/**
 * Lights the face with the hall server's colour sequence from the moment the engine's clock starts
 * (frames' `t` count from it), checking the time every 40 ms; gentle 150 ms transitions in CSS.
 */
function useScreenLight(light: readonly LightStep[]): {
  rgb: [number, number, number] | null;
  start(at: number): void;
} {
  const [rgb, setRgb] = useState<[number, number, number] | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  useEffect(() => {
    if (startedAt === null) return undefined;
    let shown = '';
    const tick = () => {
      const next = lightAt(light, performance.now() - startedAt);
      const key = next.join(',');
      if (key !== shown) {
        shown = key;
        setRgb(next);
      }
    };
    tick();
    const timer = setInterval(tick, 40);
    return () => clearInterval(timer);
  }, [light, startedAt]);
  return { rgb, start: setStartedAt };
}

/**
 * The camera must give pictures within this long (a real one takes a second or two): a camera that
 * never answers leaves the screen with its way out (cameraUnavailable) instead of 正在打开摄像头 for ever.
 */
export const CAMERA_START_LIMIT_MS = 20_000;
/** The face engine's first load (code and models) on a slow terminal; after it, the error screen. */
export const ENGINE_LOAD_LIMIT_MS = 60_000;
/**
 * While the camera starts and the engine loads the person waits in front of 正在打开摄像头: the step says
 * so this often (it counts as activity, so the session does not time out under a busy kiosk).
 */
export const PREPARING_REPORT_MS = 5_000;

/** `work`, or `undefined` once `ms` have passed without it (its late result is then `late`'s). */
function withinLimit<T>(work: Promise<T>, ms: number, late: (value: T) => void): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    let over = false;
    const timer = setTimeout(() => {
      over = true;
      resolve(undefined);
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (over) late(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!over) reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Where the step gets its camera and engine (the kiosk's own, or a test's). */
export interface CameraMedia {
  openCamera(): Promise<MediaStream>;
  faceEngine(): Promise<Pick<BrowserFaceEngine, 'runAttempt'>>;
}

const kioskMedia: CameraMedia = { openCamera, faceEngine };

export function CameraStep({
  challenge,
  progress,
  t,
  onProgress,
  onDone,
  media = kioskMedia,
}: {
  challenge: FaceChallenge;
  progress: AttemptProgress | null;
  t: CertificationTexts;
  onProgress(progress: AttemptProgress): void;
  onDone(result: AttemptResult): void;
  media?: CameraMedia;
}) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onProgress, onDone });
  const { rgb: lightRgb, start: startLight } = useScreenLight(challenge.light);
  useEffect(() => {
    handlers.current = { onProgress, onDone };
  });

  useEffect(() => {
    const abort = new AbortController();
    const video = videoRef.current;
    let stream: MediaStream | null = null;
    let preparing: ReturnType<typeof setInterval> | undefined;
    const prepared = () => clearInterval(preparing);
    const finish = (result: AttemptResult) => {
      prepared();
      stopCamera(stream);
      if (!abort.signal.aborted) handlers.current.onDone(result);
    };
    void (async () => {
      handlers.current.onProgress({ step: 'loading' });
      preparing = setInterval(() => {
        if (!abort.signal.aborted) handlers.current.onProgress({ step: 'loading' });
      }, PREPARING_REPORT_MS);
      // A camera that answers after its limit (or after the screen is gone) is switched off at once.
      let gaveUp = false;
      const startCamera = async (): Promise<MediaStream | null> => {
        const opened = await media.openCamera();
        if (abort.signal.aborted || gaveUp || !video) {
          stopCamera(opened);
          return null;
        }
        stream = opened;
        video.srcObject = opened;
        await video.play();
        return opened;
      };
      let started: MediaStream | null | undefined;
      try {
        started = await withinLimit(startCamera(), CAMERA_START_LIMIT_MS, (late) => stopCamera(late));
      } catch {
        finish({ outcome: 'failed', reason: 'cameraUnavailable', trace: null });
        return;
      }
      if (abort.signal.aborted) return;
      if (!started || !video) {
        gaveUp = true;
        finish({ outcome: 'failed', reason: 'cameraUnavailable', trace: null });
        return;
      }
      let engine;
      try {
        engine = await withinLimit(media.faceEngine(), ENGINE_LOAD_LIMIT_MS, () => undefined);
      } catch {
        engine = undefined;
      }
      if (abort.signal.aborted) return;
      if (!engine) {
        finish({ outcome: 'failed', reason: 'modelsUnavailable', trace: null });
        return;
      }
      prepared();
      const result = await engine.runAttempt(
        video,
        challenge,
        (p) => {
          if (!abort.signal.aborted) handlers.current.onProgress(p);
        },
        abort.signal,
        (at) => startLight(at),
      );
      finish(result);
    })();
    return () => {
      abort.abort();
      prepared();
      stopCamera(stream);
      if (video) video.srcObject = null;
    };
  }, [challenge, startLight, media]);

  const prompt = promptFor(progress, t);
  const action = progress?.step === 'action' ? progress : null;
  const problem = progress?.step === 'quality' && progress.problem !== null;
  return (
    <div
      className="cert-camera cert-camera--lit"
      data-testid="cert-camera"
      data-light={lightRgb?.join(',') ?? ''}
      style={lightRgb ? { ['--light' as string]: `rgb(${lightRgb.join(',')})` } : undefined}
    >
      <div className="cert-camera__stage">
        <video ref={videoRef} className="cert-camera__video" muted playsInline data-testid="cert-video" />
        <div className={`cert-camera__guide${problem ? ' cert-camera__guide--problem' : ''}`} aria-hidden="true" />
      </div>
      <div className="cert-camera__side">
        <p className="cert-camera__light-notice">{t.lightNotice}</p>
        {action && <p className="cert-camera__step">{t.step(action.index + 1, action.of)}</p>}
        <p className="cert-camera__prompt" data-testid="cert-prompt" aria-live="assertive">
          {prompt}
        </p>
        {action && (
          <p className="cert-camera__countdown" data-testid="cert-countdown">
            <span className="cert-camera__seconds">{Math.max(0, Math.ceil(action.remainingMs / 1000))}</span>
            <span>{t.seconds(Math.max(0, Math.ceil(action.remainingMs / 1000)))}</span>
          </p>
        )}
      </div>
    </div>
  );
}
