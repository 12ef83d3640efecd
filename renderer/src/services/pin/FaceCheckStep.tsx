/**
 * The face check as the second factor: the same camera screen, prompts and liveness challenge as
 * pension certification (CameraStep), then the hall server decides. Every failure says why in one
 * sentence, offers another try while checks are left, the card PIN when the session has a card,
 * and always a way back and 12333.
 */
import { useEffect, useReducer } from 'react';
import type { KioskApi } from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import { CameraStep, promptFor } from '../certification/CameraStep';
import { certificationTexts } from '../certification/texts';
import { useFaceAttempt } from '../certification/useFaceAttempt';
import { faceReduce, initialFaceStep, type FaceStep } from './face-machine';
import { pinTexts } from './texts';
import './pin.css';

export function FaceCheckStep({
  kiosk,
  checksLeft,
  canUsePin,
  onPassed,
  onUsePin,
  onCancel,
  say,
  keepAlive,
}: {
  kiosk: KioskApi;
  /** Checks the server still allows this session. */
  checksLeft: number;
  /** The session has a social security card: the PIN is the other way. */
  canUsePin: boolean;
  onPassed(): void;
  onUsePin(): void;
  onCancel(): void;
  say(text: string): void;
  keepAlive(): void;
}) {
  const { locale } = useI18n();
  const p = pinTexts[locale];
  const t = certificationTexts[locale];
  const [step, dispatch] = useReducer(faceReduce, checksLeft, initialFaceStep);
  const noneLeft = canUsePin ? p.faceNoneLeftCard : p.faceNoneLeft;
  const spoken = spokenFor(step);
  function spokenFor(s: FaceStep): string {
    switch (s.kind) {
      case 'intro':
        return p.faceIntro;
      case 'camera':
        return promptFor(s.progress, t);
      case 'submitting':
        return t.submitting;
      case 'passed':
        return p.facePassed;
      case 'failed':
        return `${t.reason[s.reason ?? 'noMatch']}${s.checksLeft > 0 ? p.faceLeft(s.checksLeft) : noneLeft}`;
      case 'noChecksLeft':
        return noneLeft;
      case 'cameraUnavailable':
        return p.faceCamera;
      case 'error':
        return p.faceError;
    }
  }
  useEffect(() => say(spoken), [say, spoken]);
  useEffect(() => {
    if (step.kind === 'passed') onPassed();
  }, [step.kind, onPassed]);

  const { start, onProgress, onDone } = useFaceAttempt({
    attempt: step.kind === 'camera' ? step.attempt : 0,
    begin: () => kiosk.startFaceCheck({}),
    submit: (params) => kiosk.verifyFace(params),
    onOutcome: (outcome) => dispatch({ type: 'outcome', outcome }),
    dispatch,
    keepAlive,
    challengeId: () => (step.kind === 'camera' ? step.challenge.challengeId : ''),
  });

  const ways = (
    <div className="pin__ways">
      {canUsePin && (
        <button type="button" className="btn btn--secondary btn--large" data-testid="face-use-pin" onClick={onUsePin}>
          {p.usePin}
        </button>
      )}
      <button type="button" className="btn btn--secondary btn--large" data-testid="pin-cancel" onClick={onCancel}>
        {p.cancel}
      </button>
    </div>
  );

  if (step.kind === 'camera')
    return (
      <div className="face-check" data-testid="face-check" data-step={step.kind}>
        <CameraStep
          key={step.attempt}
          challenge={step.challenge}
          progress={step.progress}
          t={t}
          onProgress={onProgress}
          onDone={(r) => void onDone(r)}
        />
      </div>
    );
  if (step.kind === 'submitting' || step.kind === 'passed')
    return (
      <div className="face-check pin--message" data-testid="face-check" data-step={step.kind}>
        <p className="cz-sentence" role="status">
          {step.kind === 'passed' ? p.facePassed : t.submitting}
        </p>
      </div>
    );
  return (
    <div className="face-check pin--message" data-testid="face-check" data-step={step.kind}>
      {step.kind === 'intro' && (
        <>
          <h2 className="cz-heading">{p.faceHeading}</h2>
          <p className="cz-sentence">{p.faceIntro}</p>
          <p className="cz-hint">{p.faceLeft(step.checksLeft)}</p>
          <button
            type="button"
            className="btn btn--primary btn--huge"
            data-testid="face-start"
            onClick={() => void start()}
          >
            {p.faceStart}
          </button>
        </>
      )}
      {step.kind === 'failed' && (
        <>
          <h2 className="cz-heading" data-testid="face-failed">
            {p.faceFailedTitle}
          </h2>
          <p className="cz-sentence" role="alert" data-testid="face-reason">
            {t.reason[step.reason ?? 'noMatch']}
          </p>
          {step.checksLeft > 0 ? (
            <>
              <p className="cz-hint">{p.faceLeft(step.checksLeft)}</p>
              <button
                type="button"
                className="btn btn--primary btn--huge"
                data-testid="face-retry"
                onClick={() => void start()}
              >
                {t.tryAgain}
              </button>
            </>
          ) : (
            <p className="cz-sentence" data-testid="face-none-left">
              {noneLeft}
            </p>
          )}
          <HotlineNotice />
        </>
      )}
      {step.kind === 'noChecksLeft' && (
        <>
          <h2 className="cz-heading">{p.faceNoneLeftTitle}</h2>
          <p className="cz-sentence" role="alert" data-testid="face-none-left">
            {noneLeft}
          </p>
          <HotlineNotice />
        </>
      )}
      {(step.kind === 'cameraUnavailable' || step.kind === 'error') && (
        <>
          <p className="cz-sentence" role="alert" data-testid={`face-${step.kind}`}>
            {step.kind === 'cameraUnavailable' ? p.faceCamera : p.faceError}
          </p>
          <HotlineNotice />
        </>
      )}
      {ways}
    </div>
  );
}
