/** The kiosk UI: the session state machine, its effects, and one screen per phase. */
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { DEFAULT_HALL_TIME_ZONE, type KioskApi, type TerminalStatus } from '../../contracts';
import { ServiceFrame } from './components/ServiceFrame';
import { ServiceTiles } from './components/ServiceTiles';
import { TimeoutModal } from './components/TimeoutModal';
import { TopBar } from './components/TopBar';
import { useBoot, useKioskEvents, useResync, useSessionTouch, useSummary } from './hooks/useKioskFlow';
import { useCardLeft, type CardLeftKind } from './hooks/useCardLeft';
import { useIdle } from './hooks/useIdle';
import { useNow } from './hooks/useNow';
import { I18nContext, messages, type Messages } from './i18n';
import { AttractScreen, type AttractProblem } from './screens/AttractScreen';
import { attractHeading, cardWays, noCardWay, type CardWays } from './screens/card-ways';
import { deviceNotices } from './screens/device-notices';
import { ErrorScreen } from './screens/ErrorScreen';
import { HomeScreen } from './screens/HomeScreen';
import { arrearsGroups, arrearsSpeech } from './screens/arrears';
import { LoadingScreen } from './screens/LoadingScreen';
import { MaintenanceScreen } from './maintenance/MaintenanceScreen';
import { HallTimeZoneContext } from './i18n/hall-time-zone';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen';
import { kioskServices } from './services';
import { servicesFor, type ServiceDefinition } from './services/registry';
import { createSpeech, type Speech } from './speech/speech';
import { initialKioskState, kioskReducer, sessionOf, type Phase } from './state/machine';
import { TIMEOUT_WARNING_MS, remainingMs } from './state/session-clock';

export interface AppProps {
  /** `window.kiosk` in production; a fake in tests. */
  kiosk: KioskApi;
  /** Spoken prompts; the browser's speech synthesis by default. */
  speech?: Speech;
  /** The services offered (default: every registered one; tests give their own). */
  services?: readonly ServiceDefinition[];
}

/** A service used without a card goes back to the start after this long without a tap. */
export const ANONYMOUS_IDLE_MS = 90_000;

/**
 * Why the attract screen cannot ask for a card, in the person's terms. A failed ID card reader alone
 * is not such a reason: the social security card and the e-card still work (the screen says so).
 */
function attractProblem(terminal: TerminalStatus | null): AttractProblem {
  if (!terminal) return null;
  if (noCardWay(cardWays(terminal))) return 'readerFailed';
  if (!terminal.serverReachable) return 'serverUnreachable';
  return null;
}

/** The main prompt of the screen, which is also what the kiosk says aloud. */
function promptOf(
  t: Messages,
  phase: Phase,
  problem: AttractProblem,
  warning: boolean,
  awaitingTitle: string | null,
  servicePrompt: string,
  ways: CardWays,
  cardLeft: CardLeftKind,
): string {
  if (warning) return t.timeout.speech;
  switch (phase.name) {
    case 'attract':
      if (cardLeft && !awaitingTitle) return t.attract.cardLeft.speech[cardLeft];
      if (problem) return t.attract[problem];
      return awaitingTitle ? t.services.awaiting(awaitingTitle) : attractHeading(t, ways);
    case 'service':
      return servicePrompt;
    case 'loading':
      return phase.session ? t.loading.summary : '';
    case 'home': {
      return t.home.speech[phase.session.view.identifiedBy] + arrearsSpeech(t, arrearsGroups(t, phase.summary));
    }
    case 'error':
      return t.error.codes[phase.code];
    case 'outOfService':
      return `${t.outOfService.heading}。${t.outOfService.body}`;
    case 'maintenance':
      return '';
  }
}

export function App({ kiosk, speech: givenSpeech, services = kioskServices }: AppProps) {
  const [state, dispatch] = useReducer(kioskReducer, initialKioskState);
  const { phase, terminal, prefs } = state;
  const now = useNow();
  const speech = useMemo(() => givenSpeech ?? createSpeech(), [givenSpeech]);
  const t = messages[prefs.locale];
  const session = sessionOf(phase);
  const inSession = session !== null && phase.name !== 'error';
  const serviceDef = phase.name === 'service' ? services.find((s) => s.id === phase.service) : undefined;
  const awaitingDef =
    phase.name === 'attract' && phase.awaiting ? services.find((s) => s.id === phase.awaiting) : undefined;
  const serviceKey = phase.name === 'service' ? `${phase.service}:${phase.session?.seq ?? 0}` : null;
  // What the open service asked to be said; it belongs to that service only (keyed), never the next.
  const [said, setSaid] = useState<{ key: string | null; text: string }>({ key: null, text: '' });
  const servicePrompt = said.key === serviceKey ? said.text : '';
  const say = useCallback((text: string) => setSaid({ key: serviceKey, text }), [serviceKey]);
  // Without a card nobody's session times out, so a forgotten service screen goes back by itself.
  const anonymous =
    (phase.name === 'service' && phase.session === null) || (phase.name === 'attract' && !!phase.awaiting);
  const idle = useIdle(anonymous, now);

  useKioskEvents(kiosk, dispatch);
  // Browser mode: after a staff restart the page starts afresh too (Electron relaunches the window itself).
  useEffect(
    () =>
      kiosk.on('appRestarting', () => {
        setTimeout(() => window.location.reload(), 2_000);
      }),
    [kiosk],
  );
  useBoot(kiosk, state.booted, dispatch);
  useResync(kiosk, state.booted, dispatch);
  useSummary(kiosk, phase.name === 'loading' ? (phase.session?.seq ?? null) : null, dispatch);
  const { touchNow, touch } = useSessionTouch(kiosk, session !== null, dispatch);
  const resetIdle = idle.reset;
  const keepAlive = useCallback(() => {
    resetIdle();
    touch();
  }, [resetIdle, touch]);

  const left = session ? remainingMs(session, now) : null;
  const warning = (phase.name === 'home' || phase.name === 'service') && left !== null && left <= TIMEOUT_WARNING_MS;
  const idleLeft = anonymous ? Math.max(0, idle.lastActivity + ANONYMOUS_IDLE_MS - now) : null;
  const idleWarning = idleLeft !== null && idleLeft <= TIMEOUT_WARNING_MS;
  const problem = attractProblem(terminal);
  const ways = cardWays(terminal);
  const cardLeft = useCardLeft(kiosk);
  const prompt = promptOf(
    t,
    phase,
    problem,
    warning || idleWarning,
    awaitingDef ? awaitingDef.title[prefs.locale] : null,
    servicePrompt,
    ways,
    cardLeft.card,
  );
  useEffect(() => {
    if (idleLeft === 0) dispatch({ type: 'closeService' });
  }, [idleLeft]);

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

  const closeService = useCallback(() => dispatch({ type: 'closeService' }), []);
  const resumeCard = cardLeft.resume;
  const leftCard = phase.name === 'attract' ? cardLeft.card : null;
  const openService = useCallback(
    (s: ServiceDefinition) => {
      dispatch({ type: 'openService', service: s.id, needsSession: s.needsSession });
      // A card service tapped with the last card still in the reader: that card is the one asked for.
      if (s.needsSession && leftCard) resumeCard();
    },
    [leftCard, resumeCard],
  );

  const i18n = useMemo(() => ({ locale: prefs.locale, t }), [prefs.locale, t]);
  const secondsLeft =
    inSession && left !== null ? Math.ceil(left / 1000) : idleLeft !== null ? Math.ceil(idleLeft / 1000) : null;
  const modalSeconds = warning || idleWarning ? secondsLeft : null;
  const attractServices = servicesFor(services, null, terminal);
  const homeServices = phase.name === 'home' ? servicesFor(services, phase.session.view, terminal) : [];
  // The arrears headline's button opens 缴费 when that service is offered and usable here now.
  const payService = homeServices.find((s) => s.id === 'payment' && !s.unavailable?.(terminal, prefs.locale));

  return (
    <I18nContext.Provider value={i18n}>
      <HallTimeZoneContext.Provider value={terminal?.hallTimeZone ?? DEFAULT_HALL_TIME_ZONE}>
        <div className="app" data-phase={phase.name}>
          {/* While the modal asks "您还在吗？", nothing behind it can be focused or read out. */}
          <div className="app__content" inert={modalSeconds !== null}>
            <TopBar
              hallName={terminal?.hallName ?? null}
              hallNameEn={terminal?.hallNameEn ?? null}
              now={now}
              secondsLeft={secondsLeft}
              muted={prefs.muted}
              onSwitchLanguage={() =>
                dispatch({ type: 'localeChanged', locale: prefs.locale === 'zh-CN' ? 'en' : 'zh-CN' })
              }
              onToggleMute={() => dispatch({ type: 'muteToggled' })}
              onExit={inSession || anonymous ? backToStart : null}
              onMaintenance={() => dispatch({ type: 'maintenanceRequested' })}
            />
            {phase.name === 'attract' && (
              <AttractScreen
                problem={problem}
                ways={ways}
                endReason={phase.lastEndReason}
                notices={deviceNotices(t, terminal?.devices ?? [])}
                awaiting={awaitingDef ? awaitingDef.title[prefs.locale] : null}
                onCancelAwaiting={closeService}
                cardLeft={cardLeft.card}
                onUseCardLeft={resumeCard}
              >
                {/* Card-free services work from the terminal's copy of the content even without the network. */}
                {!phase.awaiting && (
                  <div className="attract__services">
                    {/* The card services first: the card is what this screen asks for. */}
                    {problem === null && (
                      <ServiceTiles
                        services={attractServices.filter((s) => s.needsSession)}
                        terminal={terminal}
                        heading={t.services.withCardHeading}
                        onOpen={openService}
                      />
                    )}
                    <ServiceTiles
                      services={attractServices.filter((s) => !s.needsSession)}
                      terminal={terminal}
                      heading={t.services.noCardHeading}
                      onOpen={openService}
                    />
                  </div>
                )}
              </AttractScreen>
            )}
            {phase.name === 'loading' && <LoadingScreen what={phase.session ? 'summary' : 'starting'} />}
            {phase.name === 'home' && (
              <HomeScreen
                person={phase.session.view.person}
                summary={phase.summary}
                card={phase.session.view.identifiedBy}
                onPay={payService ? () => openService(payService) : null}
              >
                <ServiceTiles
                  services={homeServices}
                  terminal={terminal}
                  heading={t.services.homeHeading}
                  onOpen={openService}
                />
              </HomeScreen>
            )}
            {phase.name === 'service' && serviceDef && (
              <ServiceFrame id={serviceDef.id} title={serviceDef.title[prefs.locale]} onBack={closeService}>
                <serviceDef.Component
                  key={serviceKey}
                  kiosk={kiosk}
                  session={phase.session?.view ?? null}
                  summary={phase.summary}
                  terminal={terminal}
                  now={now}
                  close={closeService}
                  say={say}
                  keepAlive={keepAlive}
                />
              </ServiceFrame>
            )}
            {phase.name === 'error' && (
              <ErrorScreen
                code={phase.code}
                secondsToReturn={phase.returnAt === null ? null : Math.max(0, Math.ceil((phase.returnAt - now) / 1000))}
                onBack={backToStart}
              />
            )}
            {phase.name === 'outOfService' && <OutOfServiceScreen alternatives={terminal?.alternatives} />}
            {phase.name === 'maintenance' && (
              <MaintenanceScreen kiosk={kiosk} onExit={() => dispatch({ type: 'maintenanceClosed' })} />
            )}
          </div>
          {modalSeconds !== null &&
            (warning ? (
              <TimeoutModal secondsLeft={modalSeconds} onContinue={touchNow} />
            ) : (
              <TimeoutModal secondsLeft={modalSeconds} onContinue={idle.reset} body={t.services.idleBody} />
            ))}
        </div>
      </HallTimeZoneContext.Provider>
    </I18nContext.Provider>
  );
}
