/** The kiosk UI: the session state machine, its effects, and one screen per phase. */
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { KioskApi, TerminalStatus } from '../../contracts';
import { TimeoutModal } from './components/TimeoutModal';
import { TopBar } from './components/TopBar';
import { useBoot, useKioskEvents, useResync, useSessionTouch, useSummary } from './hooks/useKioskFlow';
import { useNow } from './hooks/useNow';
import { I18nContext, messages, type Messages } from './i18n';
import { AttractScreen, type AttractProblem } from './screens/AttractScreen';
import { deviceNotices } from './screens/device-notices';
import { ErrorScreen } from './screens/ErrorScreen';
import { HomeScreen } from './screens/HomeScreen';
import { LoadingScreen } from './screens/LoadingScreen';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen';
import { createSpeech, type Speech } from './speech/speech';
import { initialKioskState, kioskReducer, sessionOf, type Phase } from './state/machine';
import { TIMEOUT_WARNING_MS, remainingMs } from './state/session-clock';

export interface AppProps {
  /** `window.kiosk` in production; a fake in tests. */
  kiosk: KioskApi;
  /** Spoken prompts; the browser's speech synthesis by default. */
  speech?: Speech;
}

/** Why the attract screen cannot ask for a card, in the person's terms. */
function attractProblem(terminal: TerminalStatus | null): AttractProblem {
  if (!terminal) return null;
  if (terminal.devices.some((d) => d.device === 'idCardReader' && d.state === 'failed')) return 'readerFailed';
  if (!terminal.serverReachable) return 'serverUnreachable';
  return null;
}

/** The main prompt of the screen, which is also what the kiosk says aloud. */
function promptOf(t: Messages, phase: Phase, problem: AttractProblem, warning: boolean): string {
  if (warning) return t.timeout.speech;
  switch (phase.name) {
    case 'attract':
      return problem ? t.attract[problem] : t.attract.heading;
    case 'loading':
      return phase.session ? t.loading.summary : '';
    case 'home':
      return phase.session.view.identifiedBy === 'eSsCard' ? t.home.speechECard : t.home.speech;
    case 'error':
      return t.error.codes[phase.code];
    case 'outOfService':
      return `${t.outOfService.heading}。${t.outOfService.body}`;
  }
}

export function App({ kiosk, speech: givenSpeech }: AppProps) {
  const [state, dispatch] = useReducer(kioskReducer, initialKioskState);
  const { phase, terminal, prefs } = state;
  const now = useNow();
  const speech = useMemo(() => givenSpeech ?? createSpeech(), [givenSpeech]);
  const t = messages[prefs.locale];
  const session = sessionOf(phase);
  const inSession = phase.name === 'home' || (phase.name === 'loading' && session !== null);

  useKioskEvents(kiosk, dispatch);
  useBoot(kiosk, state.booted, dispatch);
  useResync(kiosk, state.booted, dispatch);
  useSummary(kiosk, phase.name === 'loading' ? (phase.session?.seq ?? null) : null, dispatch);
  const touchNow = useSessionTouch(kiosk, session !== null, dispatch);

  const left = session ? remainingMs(session, now) : null;
  const warning = phase.name === 'home' && left !== null && left <= TIMEOUT_WARNING_MS;
  const problem = attractProblem(terminal);
  const prompt = promptOf(t, phase, problem, warning);

  const returnAt = phase.name === 'error' ? phase.returnAt : null;
  useEffect(() => {
    if (returnAt !== null && now >= returnAt) dispatch({ type: 'tick', now });
  }, [now, returnAt]);

  useEffect(() => {
    document.documentElement.lang = prefs.locale;
    document.title = t.documentTitle;
  }, [prefs.locale, t]);

  useEffect(() => {
    if (prefs.muted) speech.cancel();
    else speech.speak(prompt, prefs.locale);
  }, [speech, prompt, prefs.locale, prefs.muted]);
  useEffect(() => () => speech.cancel(), [speech]);

  const hasSession = session !== null;
  const backToStart = useCallback(() => {
    if (hasSession)
      kiosk.endSession({ reason: 'exit' }).catch((e: unknown) => console.warn('kiosk: endSession failed', e));
    dispatch({ type: 'backToStart' });
  }, [kiosk, hasSession]);

  const i18n = useMemo(() => ({ locale: prefs.locale, t }), [prefs.locale, t]);
  const secondsLeft = inSession && left !== null ? Math.ceil(left / 1000) : null;

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app" data-phase={phase.name}>
        {/* While the modal asks "您还在吗？", nothing behind it can be focused or read out. */}
        <div className="app__content" inert={warning}>
          <TopBar
            hallName={terminal?.hallName ?? null}
            now={now}
            secondsLeft={secondsLeft}
            muted={prefs.muted}
            onSwitchLanguage={() =>
              dispatch({ type: 'localeChanged', locale: prefs.locale === 'zh-CN' ? 'en' : 'zh-CN' })
            }
            onToggleMute={() => dispatch({ type: 'muteToggled' })}
            onExit={inSession ? backToStart : null}
          />
          {phase.name === 'attract' && (
            <AttractScreen
              problem={problem}
              endReason={phase.lastEndReason}
              notices={deviceNotices(t, terminal?.devices ?? [])}
            />
          )}
          {phase.name === 'loading' && <LoadingScreen what={phase.session ? 'summary' : 'starting'} />}
          {phase.name === 'home' && (
            <HomeScreen
              person={phase.session.view.person}
              summary={phase.summary}
              noCard={phase.session.view.identifiedBy === 'eSsCard'}
            />
          )}
          {phase.name === 'error' && (
            <ErrorScreen
              code={phase.code}
              secondsToReturn={phase.returnAt === null ? null : Math.max(0, Math.ceil((phase.returnAt - now) / 1000))}
              onBack={backToStart}
            />
          )}
          {phase.name === 'outOfService' && <OutOfServiceScreen />}
        </div>
        {warning && secondsLeft !== null && <TimeoutModal secondsLeft={secondsLeft} onContinue={touchNow} />}
      </div>
    </I18nContext.Provider>
  );
}
