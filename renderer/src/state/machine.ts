/**
 * The kiosk's session flow as an explicit state machine: named phases, named events, and a
 * pure reducer. Time comes in on the events (`now`), never from a clock in here.
 */
import type { Locale } from '../i18n/locale';
import type {
  CardProblem,
  ErrorCode,
  InsuranceSummary,
  SessionEndReason,
  SessionView,
  TerminalStatus,
} from '../../../contracts';

/** How long a card problem stays on screen before the kiosk returns to the start by itself. */
export const CARD_PROBLEM_RETURN_MS = 20_000;

/** A code an error screen can explain: the KioskApi's error codes and the card problems. */
export type ScreenErrorCode = ErrorCode | CardProblem['code'];

/** The open session as last reported, and when on the local clock (the countdown runs from there). */
export interface ActiveSession {
  /** Numbers sessions on this screen, so a late summary never lands in the next person's session. */
  seq: number;
  view: SessionView;
  receivedAt: number;
}

export type Phase =
  /** Starting up (`session: null`) or fetching the summary of an open session (`then`: a service to open next). */
  | { name: 'loading'; session: ActiveSession | null; then?: string | null }
  /**
   * No session: ask for a card. `lastEndReason` says why the previous session ended. `awaiting`:
   * a service that needs a card was chosen; the screen asks for the card, and opens it after.
   */
  | { name: 'attract'; lastEndReason: SessionEndReason | null; awaiting: string | null }
  | { name: 'home'; session: ActiveSession; summary: InsuranceSummary }
  /** A service's own screen, with the session (and its summary) or without one. */
  | { name: 'service'; service: string; session: ActiveSession; summary: InsuranceSummary }
  | { name: 'service'; service: string; session: null; summary: null }
  /** `returnAt`: back to attract by itself at that time (card problems), or null (one button). */
  | { name: 'error'; code: ScreenErrorCode; session: ActiveSession | null; returnAt: number | null }
  | { name: 'outOfService' }
  /** Staff maintenance (hidden gesture, then staff id and PIN); never while a citizen's session is open. */
  | { name: 'maintenance' };

export type PhaseName = Phase['name'];

/** What the person at the screen chose; reset when their visit ends so the next person starts fresh. */
export interface VisitorPrefs {
  locale: Locale;
  muted: boolean;
}

export interface KioskState {
  /** True once the first getStatus/getSession answer came back; until then start-up is retried. */
  booted: boolean;
  terminal: TerminalStatus | null;
  phase: Phase;
  sessionSeq: number;
  prefs: VisitorPrefs;
}

export type KioskAction =
  | { type: 'booted'; terminal: TerminalStatus; session: SessionView | null; now: number }
  | { type: 'bootFailed'; code: ErrorCode }
  | { type: 'statusChanged'; terminal: TerminalStatus }
  | { type: 'sessionChanged'; session: SessionView | null; endReason: SessionEndReason | null; now: number }
  /** A touchSession or getSession result: refreshes or ends the open session, never starts one. */
  | { type: 'sessionRefreshed'; session: SessionView | null; now: number }
  | { type: 'summaryLoaded'; seq: number; summary: InsuranceSummary }
  | { type: 'summaryFailed'; seq: number; code: ErrorCode }
  | { type: 'cardProblem'; code: CardProblem['code']; now: number }
  | { type: 'backToStart' }
  | { type: 'tick'; now: number }
  /** A service tile was tapped. `needsSession`: from its definition. */
  | { type: 'openService'; service: string; needsSession: boolean }
  /** The service is done or the person tapped "返回": home with a session, else the start screen. */
  | { type: 'closeService' }
  /** The hidden gesture on the emblem. */
  | { type: 'maintenanceRequested' }
  | { type: 'maintenanceClosed' }
  | { type: 'localeChanged'; locale: Locale }
  | { type: 'muteToggled' };

export const defaultPrefs: VisitorPrefs = { locale: 'zh-CN', muted: false };

export const initialKioskState: KioskState = {
  booted: false,
  terminal: null,
  phase: { name: 'loading', session: null },
  sessionSeq: 0,
  prefs: defaultPrefs,
};

/** The session the phase holds, if any. */
export function sessionOf(phase: Phase): ActiveSession | null {
  return 'session' in phase ? phase.session : null;
}

/** Same person, same way of identification: an update of the open session, not a new one. */
function samePerson(a: SessionView, b: SessionView): boolean {
  return (
    a.identifiedBy === b.identifiedBy &&
    a.person.name === b.person.name &&
    a.person.maskedIdNumber === b.person.maskedIdNumber
  );
}

/** Back to the start: the visit is over, so person data and the visitor's choices go. */
function toAttract(state: KioskState, lastEndReason: SessionEndReason | null): KioskState {
  return { ...state, phase: { name: 'attract', lastEndReason, awaiting: null }, prefs: defaultPrefs };
}

/**
 * A new session: fetch its summary. Nothing of any previous person is carried over; a service
 * chosen on the start screen (`awaiting`) opens once the summary is in.
 */
function startSession(state: KioskState, view: SessionView, now: number): KioskState {
  const seq = state.sessionSeq + 1;
  const awaiting = state.phase.name === 'attract' ? state.phase.awaiting : null;
  return {
    ...state,
    sessionSeq: seq,
    phase: { name: 'loading', session: { seq, view, receivedAt: now }, then: awaiting },
  };
}

/** The same phase with a fresher view of its session (the countdown restarts from it). */
function withSession(phase: Phase, session: ActiveSession): Phase {
  switch (phase.name) {
    case 'loading':
    case 'home':
    case 'error':
      return { ...phase, session };
    case 'service':
      return phase.session ? { ...phase, session } : phase;
    default:
      return phase;
  }
}

function onSession(
  state: KioskState,
  view: SessionView | null,
  endReason: SessionEndReason | null,
  now: number,
): KioskState {
  const { phase } = state;
  if (phase.name === 'outOfService' || phase.name === 'maintenance') return state;
  const current = sessionOf(phase);
  if (view === null) {
    // Ending drops the whole phase, and with it every piece of person data.
    if (current) return toAttract(state, endReason);
    if (phase.name === 'loading') return { ...state, phase: { name: 'attract', lastEndReason: null, awaiting: null } };
    return state;
  }
  if (current && samePerson(current.view, view)) {
    return { ...state, phase: withSession(phase, { ...current, view, receivedAt: now }) };
  }
  return startSession(state, view, now);
}

/** The reducer: every transition of the session flow. */
export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  const { phase } = state;
  switch (action.type) {
    case 'booted': {
      const next = { ...state, booted: true, terminal: action.terminal };
      if (phase.name === 'maintenance') return next;
      if (!action.terminal.inService) return { ...next, phase: { name: 'outOfService' }, prefs: defaultPrefs };
      // A failed start or a closed terminal is over; a card problem on screen stays until it returns.
      const restart =
        phase.name === 'outOfService' || (phase.name === 'error' && phase.returnAt === null && !phase.session);
      return onSession(
        restart ? { ...next, phase: { name: 'loading', session: null } } : next,
        action.session,
        null,
        action.now,
      );
    }
    case 'bootFailed':
      return { ...state, phase: { name: 'error', code: action.code, session: null, returnAt: null } };
    case 'statusChanged': {
      const next = { ...state, terminal: action.terminal };
      // Staff at work stay on their screen, whatever the terminal's state (they may be closing it).
      if (phase.name === 'maintenance') return next;
      if (!action.terminal.inService) return { ...next, phase: { name: 'outOfService' }, prefs: defaultPrefs };
      if (phase.name === 'outOfService') return toAttract(next, null);
      return next;
    }
    case 'sessionChanged':
      return onSession(state, action.session, action.endReason, action.now);
    case 'sessionRefreshed':
      // A reply may arrive after the person pressed "退出"; it must not bring their session back.
      if (!sessionOf(phase)) return state;
      return onSession(state, action.session, null, action.now);
    case 'summaryLoaded':
      if (phase.name !== 'loading' || phase.session?.seq !== action.seq) return state; // stale: drop it
      if (phase.then) {
        return {
          ...state,
          phase: { name: 'service', service: phase.then, session: phase.session, summary: action.summary },
        };
      }
      return { ...state, phase: { name: 'home', session: phase.session, summary: action.summary } };
    case 'summaryFailed':
      if (phase.name !== 'loading' || phase.session?.seq !== action.seq) return state;
      return { ...state, phase: { name: 'error', code: action.code, session: phase.session, returnAt: null } };
    case 'cardProblem':
      // While someone's session is open, or the terminal is closed, a card problem is not theirs to see.
      if (phase.name === 'outOfService' || phase.name === 'maintenance' || sessionOf(phase)) return state;
      return {
        ...state,
        phase: { name: 'error', code: action.code, session: null, returnAt: action.now + CARD_PROBLEM_RETURN_MS },
      };
    case 'backToStart':
      if (phase.name === 'outOfService' || phase.name === 'maintenance') return state;
      return toAttract(state, sessionOf(phase) ? 'exit' : null);
    case 'tick':
      if (phase.name === 'error' && phase.returnAt !== null && action.now >= phase.returnAt) {
        return toAttract(state, null);
      }
      return state;
    case 'openService': {
      if (phase.name === 'home') {
        return {
          ...state,
          phase: { name: 'service', service: action.service, session: phase.session, summary: phase.summary },
        };
      }
      if (phase.name !== 'attract') return state;
      if (action.needsSession) return { ...state, phase: { ...phase, awaiting: action.service } };
      return { ...state, phase: { name: 'service', service: action.service, session: null, summary: null } };
    }
    case 'closeService':
      if (phase.name === 'service') {
        if (phase.session) return { ...state, phase: { name: 'home', session: phase.session, summary: phase.summary } };
        return { ...state, phase: { name: 'attract', lastEndReason: null, awaiting: null } };
      }
      if (phase.name === 'attract' && phase.awaiting) return { ...state, phase: { ...phase, awaiting: null } };
      return state;
    case 'maintenanceRequested':
      // Never over a citizen's open session: their data must not stay behind a staff screen.
      if (sessionOf(phase) || phase.name === 'maintenance') return state;
      return { ...state, phase: { name: 'maintenance' }, prefs: defaultPrefs };
    case 'maintenanceClosed':
      if (phase.name !== 'maintenance') return state;
      if (state.terminal && !state.terminal.inService) return { ...state, phase: { name: 'outOfService' } };
      return toAttract(state, null);
    case 'localeChanged':
      return { ...state, prefs: { ...state.prefs, locale: action.locale } };
    case 'muteToggled':
      return { ...state, prefs: { ...state.prefs, muted: !state.prefs.muted } };
  }
}
