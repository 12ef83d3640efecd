/** The certification service: status, camera, result and receipt, driven by the step reducer. */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import type { ServiceProps } from '../registry';
import { errorCodeOf } from '../../../../contracts';
import { CameraStep, promptFor } from './CameraStep';
import { initialStep, reduce, type Step } from './steps';
import { certificationTexts, type CertificationTexts } from './texts';
import { useFaceAttempt } from './useFaceAttempt';
import './certification.css';
import { WayOut } from './WayOut';

/** What the kiosk says aloud on each step (the camera's prompts change within the step). */
function spokenFor(step: Step, t: CertificationTexts): string {
  switch (step.kind) {
    case 'loading':
      return t.loading;
    case 'status':
      return statusSentence(step, t);
    case 'camera':
      return promptFor(step.progress, t);
    case 'submitting':
      return t.submitting;
    case 'passed':
      return step.receipt === 'printing'
        ? `${t.passedTitle}。${t.passed(t.date(step.outcome.nextDueDate ?? ''))}${t.printing}`
        : step.receipt === 'printed'
          ? t.printed
          : t.printFailed;
    case 'reprint':
      return step.receipt === 'printing' ? t.printing : step.receipt === 'printed' ? t.reprinted : t.printFailed;
    case 'failed':
      return `${t.reason[step.reason ?? 'noMatch']}${t.attemptsLeft(step.attemptsLeft)}`;
    case 'noAttemptsLeft':
      return `${outMessage(step, t)}${t.wayOut.speech}`;
    case 'cameraUnavailable':
      return `${t.cameraUnavailable}${t.wayOut.speech}`;
    case 'error':
      return t.error;
  }
}

/** The one message of the last screen: no enrolled face, or today's attempts used up. */
function outMessage(step: Extract<Step, { kind: 'noAttemptsLeft' }>, t: CertificationTexts): string {
  return step.reason === 'noReference' ? t.reason.noReference : t.noAttempts;
}

function statusSentence(step: Extract<Step, { kind: 'status' }>, t: CertificationTexts): string {
  const { status } = step;
  const date = status.dueDate ? t.date(status.dueDate) : null;
  switch (status.standing) {
    case 'notReceiving':
      return t.notReceiving;
    case 'certified':
      return t.certified(date ?? '');
    case 'overdue':
      return status.faceEnrolled ? t.overdue(date ?? '') : `${t.overdue(date ?? '')}${t.notEnrolled}`;
    case 'due':
      return status.faceEnrolled ? `${t.due(date)}${t.howItWorks}` : `${t.due(date)}${t.notEnrolled}`;
  }
}

export function CertificationScreen(props: ServiceProps) {
  const { kiosk, close, say, keepAlive } = props;
  const { locale } = useI18n();
  const t = certificationTexts[locale];
  const [step, dispatch] = useReducer(reduce, initialStep);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    kiosk.getCertificationStatus({}).then(
      (status) => alive.current && dispatch({ type: 'statusLoaded', status }),
      (error) => alive.current && dispatch({ type: 'failed', code: errorCodeOf(error) }),
    );
  }, [kiosk]);

  const spoken = spokenFor(step, t);
  useEffect(() => say(spoken), [say, spoken]);

  const print = useCallback(async () => {
    try {
      await kiosk.printCertificationReceipt({});
      if (alive.current) dispatch({ type: 'receipt', state: 'printed' });
    } catch {
      if (alive.current) dispatch({ type: 'receipt', state: 'failed' });
    }
  }, [kiosk]);

  const { start, onProgress, onDone } = useFaceAttempt({
    attempt: step.kind === 'camera' ? step.attempt : 0,
    begin: () => kiosk.startCertificationAttempt({}),
    submit: (params) => kiosk.submitCertification(params),
    onOutcome: (outcome) => {
      dispatch({ type: 'outcome', outcome });
      if (outcome.result === 'passed') void print();
    },
    dispatch,
    keepAlive,
    challengeId: () => (step.kind === 'camera' ? step.challenge.challengeId : ''),
  });

  const reprint = () => {
    dispatch({ type: 'reprint' });
    void print();
  };

  return (
    <div className="cert" data-testid="cert" data-step={step.kind}>
      {step.kind === 'loading' && <p className="cert__lead">{t.loading}</p>}
      {step.kind === 'status' && (
        <>
          <p className="cert__lead" data-testid="cert-status">
            {statusSentence(step, t)}
          </p>
          {(step.status.standing === 'due' || step.status.standing === 'overdue') && step.status.faceEnrolled && (
            <button
              type="button"
              className="btn btn--primary btn--huge"
              data-testid="cert-start"
              onClick={() => void start()}
            >
              {t.start}
            </button>
          )}
          {step.status.standing === 'certified' && (
            <button type="button" className="btn btn--primary btn--huge" data-testid="cert-reprint" onClick={reprint}>
              {t.reprint}
            </button>
          )}
          {!step.status.faceEnrolled && step.status.standing !== 'notReceiving' && <HotlineNotice />}
        </>
      )}
      {step.kind === 'camera' && (
        <CameraStep
          key={step.attempt}
          challenge={step.challenge}
          progress={step.progress}
          t={t}
          onProgress={onProgress}
          onDone={(r) => void onDone(r)}
        />
      )}
      {step.kind === 'submitting' && <p className="cert__lead">{t.submitting}</p>}
      {step.kind === 'passed' && (
        <>
          <h2 className="cert__title cert__title--ok" data-testid="cert-passed">
            {t.passedTitle}
          </h2>
          <p className="cert__lead">{t.passed(t.date(step.outcome.nextDueDate ?? ''))}</p>
          <p className="cert__note" data-testid="cert-receipt">
            {step.receipt === 'printing' ? t.printing : step.receipt === 'printed' ? t.printed : t.printFailed}
          </p>
          {step.receipt === 'failed' && <HotlineNotice />}
          <button type="button" className="btn btn--primary btn--huge" data-testid="cert-done" onClick={close}>
            {t.done}
          </button>
        </>
      )}
      {step.kind === 'reprint' && (
        <>
          <p className="cert__lead" data-testid="cert-receipt">
            {step.receipt === 'printing' ? t.printing : step.receipt === 'printed' ? t.reprinted : t.printFailed}
          </p>
          {step.receipt === 'failed' && <HotlineNotice />}
          <button type="button" className="btn btn--primary btn--huge" data-testid="cert-done" onClick={close}>
            {t.done}
          </button>
        </>
      )}
      {step.kind === 'failed' && (
        <>
          <h2 className="cert__title" data-testid="cert-failed">
            {t.failedTitle}
          </h2>
          <p className="cert__lead" data-testid="cert-reason">
            {t.reason[step.reason ?? 'noMatch']}
          </p>
          <p className="cert__note">{t.attemptsLeft(step.attemptsLeft)}</p>
          <button
            type="button"
            className="btn btn--primary btn--huge"
            data-testid="cert-retry"
            onClick={() => void start()}
          >
            {t.tryAgain}
          </button>
          <HotlineNotice />
        </>
      )}
      {step.kind === 'noAttemptsLeft' && (
        <WayOut
          title={step.reason === 'noReference' ? t.noReferenceTitle : t.noAttemptsTitle}
          message={outMessage(step, t)}
          t={t}
          props={props}
          testId="cert-no-attempts"
        />
      )}
      {step.kind === 'cameraUnavailable' && (
        <WayOut title={null} message={t.cameraUnavailable} t={t} props={props} testId="cert-camera-unavailable" />
      )}
      {step.kind === 'error' && (
        <>
          <p className="cert__lead" data-testid="cert-error">
            {t.error}
          </p>
          <HotlineNotice />
        </>
      )}
    </div>
  );
}
