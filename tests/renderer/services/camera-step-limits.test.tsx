// The face camera screen when the camera or the face engine does not answer (jsdom, fake clock):
// the person is never left in front of 准备中 for ever, the session stays alive while the kiosk
// prepares (up to the limits), and a camera that answers too late is switched off at once.
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaceChallenge } from '../../../contracts';
import type { AttemptProgress, AttemptResult } from '../../../renderer/src/face/engine-types';
import {
  CAMERA_START_LIMIT_MS,
  type CameraMedia,
  CameraStep,
  ENGINE_LOAD_LIMIT_MS,
  PREPARING_REPORT_MS,
} from '../../../renderer/src/services/certification/CameraStep';
import { certificationTexts } from '../../../renderer/src/services/certification/texts';
import { useFaceAttempt } from '../../../renderer/src/services/certification/useFaceAttempt';
import { advance } from '../fixtures';

/** What the step is handed in each test; `never` keeps a promise pending for ever. */
const camera = {
  open: null as null | (() => Promise<MediaStream>),
  engine: null as null | (() => Promise<unknown>),
};
const media: CameraMedia = {
  openCamera: () => camera.open!(),
  faceEngine: () => camera.engine!() as ReturnType<CameraMedia['faceEngine']>,
};

const never = <T,>() => new Promise<T>(() => undefined);

/** A stream whose one track records being stopped (the camera light going off). */
function fakeStream() {
  const track = { readyState: 'live', stop: vi.fn(() => void (track.readyState = 'ended')) };
  return { stream: { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream, track };
}

const challenge: FaceChallenge = {
  challengeId: '00000000-0000-4000-8000-00000000c001',
  purpose: 'certification',
  actions: ['blink', 'openMouth'],
  actionTimeoutMs: 10_000,
  light: [
    { rgb: [255, 0, 0], ms: 500 },
    { rgb: [0, 255, 0], ms: 500 },
    { rgb: [0, 0, 255], ms: 500 },
    { rgb: [255, 255, 255], ms: 500 },
  ],
  issuedAt: '2025-06-15T02:00:00.000Z',
  expiresAt: '2025-06-15T02:05:00.000Z',
};

function renderStep() {
  const progress: AttemptProgress[] = [];
  const done: AttemptResult[] = [];
  render(
    <CameraStep
      challenge={challenge}
      progress={null}
      t={certificationTexts['zh-CN']}
      onProgress={(p) => progress.push(p)}
      onDone={(r) => done.push(r)}
      media={media}
    />,
  );
  return { progress, done };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the camera step while it prepares', () => {
  it('gives up on a camera that never answers: cameraUnavailable after the limit, preparing reported until then', async () => {
    camera.open = never;
    const { progress, done } = renderStep();
    expect(screen.getByTestId('cert-prompt').textContent).toContain(certificationTexts['zh-CN'].preparing);
    await advance(CAMERA_START_LIMIT_MS - 1);
    expect(done).toEqual([]);
    // Reported at once and then every few seconds: each report keeps the session alive.
    expect(progress.filter((p) => p.step === 'loading').length).toBe(
      1 + Math.floor((CAMERA_START_LIMIT_MS - 1) / PREPARING_REPORT_MS),
    );
    await advance(1);
    expect(done).toEqual([{ outcome: 'failed', reason: 'cameraUnavailable', trace: null }]);
    const reports = progress.length;
    await advance(PREPARING_REPORT_MS * 3);
    expect(progress.length).toBe(reports); // no more activity once the screen has given up
  });

  it('switches off a camera that answers after the limit', async () => {
    const { stream, track } = fakeStream();
    let answer: (s: MediaStream) => void = () => undefined;
    camera.open = () => new Promise((resolve) => (answer = resolve));
    const { done } = renderStep();
    await advance(CAMERA_START_LIMIT_MS);
    expect(done[0]?.outcome).toBe('failed');
    answer(stream);
    await advance(0);
    expect(track.stop).toHaveBeenCalled();
    expect(done.length).toBe(1);
  });

  it('gives up on a face engine that never loads: the error screen’s reason, and the camera is off', async () => {
    const { stream, track } = fakeStream();
    camera.open = () => Promise.resolve(stream);
    camera.engine = never;
    const { progress, done } = renderStep();
    await advance(ENGINE_LOAD_LIMIT_MS - 1);
    expect(done).toEqual([]);
    expect(track.stop).not.toHaveBeenCalled();
    expect(progress.filter((p) => p.step === 'loading').length).toBeGreaterThanOrEqual(
      Math.floor(ENGINE_LOAD_LIMIT_MS / PREPARING_REPORT_MS),
    );
    await advance(1);
    expect(done).toEqual([{ outcome: 'failed', reason: 'modelsUnavailable', trace: null }]);
    expect(track.stop).toHaveBeenCalled();
  });

  it('stops reporting and stops the camera when the screen goes away (card pulled) while it prepares', async () => {
    const { stream, track } = fakeStream();
    camera.open = () => Promise.resolve(stream);
    camera.engine = never;
    const { progress, done } = renderStep();
    await advance(PREPARING_REPORT_MS);
    cleanup();
    const reports = progress.length;
    expect(track.stop).toHaveBeenCalled();
    await advance(ENGINE_LOAD_LIMIT_MS);
    expect(progress.length).toBe(reports);
    expect(done).toEqual([]);
  });

  it('runs the attempt once the engine is there, and reports preparing no more', async () => {
    const { stream, track } = fakeStream();
    camera.open = () => Promise.resolve(stream);
    const result: AttemptResult = { outcome: 'failed', reason: 'actionTimeout', trace: null };
    let finishAttempt: (r: AttemptResult) => void = () => undefined;
    const runAttempt = vi.fn(
      (_video: unknown, _c: unknown, onProgress: (p: AttemptProgress) => void) =>
        new Promise<AttemptResult>((resolve) => {
          onProgress({ step: 'quality', problem: null });
          finishAttempt = resolve;
        }),
    );
    camera.engine = () => Promise.resolve({ runAttempt });
    const { progress, done } = renderStep();
    await advance(0);
    expect(runAttempt).toHaveBeenCalledTimes(1);
    const reports = progress.length;
    await advance(PREPARING_REPORT_MS * 4);
    expect(progress.length).toBe(reports);
    finishAttempt(result);
    await advance(0);
    expect(done).toEqual([result]);
    expect(track.stop).toHaveBeenCalled();
  });
});

describe('the session while the person is at the camera', () => {
  it('is kept alive by preparing, the quality prompts and the actions, not by the analysis', () => {
    const keepAlive = vi.fn();
    const { result } = renderHook(() =>
      useFaceAttempt({
        attempt: 1,
        begin: never,
        submit: never,
        onOutcome: () => undefined,
        dispatch: () => undefined,
        keepAlive,
        challengeId: () => challenge.challengeId,
      }),
    );
    result.current.onProgress({ step: 'loading' });
    result.current.onProgress({ step: 'quality', problem: 'noFace' });
    result.current.onProgress({ step: 'action', action: 'blink', index: 0, of: 2, remainingMs: 9_000 });
    expect(keepAlive).toHaveBeenCalledTimes(3);
    result.current.onProgress({ step: 'analysing' });
    expect(keepAlive).toHaveBeenCalledTimes(3);
  });
});
