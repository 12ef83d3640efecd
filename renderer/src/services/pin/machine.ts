/**
 * The second-factor step: masked PIN entry on a big keypad with the card's answer, tries left and
 * locked; or a face check (ID-card and e-card sessions, or a card holder who forgot the PIN). Pure.
 */
import type { ErrorCode, PinResult, SecondFactorView } from '../../../../contracts';

export const PIN_LENGTH = 6;

export type PinPhase =
  | 'asking' // is the second factor already there, and can this session give it?
  | 'entering'
  | 'checking'
  /** The reader's own PIN pad is collecting the PIN (PC/SC part 10); the screen only tells. */
  | 'pad'
  /** The pad returned without a PIN (cancel or its timeout): offer to try again. */
  | 'padStopped'
  | 'passed'
  | 'locked'
  | 'noCard'
  | 'notAvailable'
  /** The face check (its own steps: ./face-machine.ts). */
  | 'face'
  | 'failed';

export interface PinState {
  phase: PinPhase;
  /** Digits typed so far; shown only as dots, wiped on every answer. */
  digits: string;
  /** After a wrong PIN: tries the card still allows. */
  triesLeft: number | null;
  failCode: ErrorCode | null;
  /** The way offered first; `ssCardPin` also means the face check can give way to the PIN. */
  route: SecondFactorView['route'] | null;
  /** A face check is possible (a face is enrolled and checks are left). */
  face: boolean;
  faceChecksLeft: number;
  /** The card's reader has a PIN pad: the PIN is typed there. */
  pinPad: boolean;
  /** Counts PIN pad requests, so each one is started once. */
  padRound: number;
}

export type PinAction =
  | { type: 'factor'; view: SecondFactorView }
  | { type: 'digit'; digit: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'submit' }
  | { type: 'result'; result: PinResult }
  | { type: 'failed'; code: ErrorCode }
  /** "忘记密码？刷脸验证": from the keypad or a locked card. */
  | { type: 'useFace' }
  /** "改用社保卡密码": back from the face check to the keypad (card sessions only). */
  | { type: 'usePin' }
  /** "再输一次" after the PIN pad came back empty. */
  | { type: 'retryPad' };

export const initialPinState: PinState = {
  phase: 'asking',
  digits: '',
  triesLeft: null,
  failCode: null,
  route: null,
  face: false,
  faceChecksLeft: 0,
  pinPad: false,
  padRound: 0,
};

/** The PIN step proper: the screen's keypad, or the reader's PIN pad. */
const askPin = (state: PinState): PinState =>
  state.pinPad ? { ...state, phase: 'pad', padRound: state.padRound + 1 } : { ...state, phase: 'entering' };

export function pinReducer(state: PinState, action: PinAction): PinState {
  switch (action.type) {
    case 'factor': {
      const { view } = action;
      const known = {
        ...state,
        route: view.route,
        face: view.face,
        faceChecksLeft: view.faceChecksLeft,
        pinPad: view.route === 'ssCardPin' && view.pinPad === true,
      };
      if (view.verified) return { ...known, phase: 'passed' };
      return view.route === 'ssCardPin' ? askPin(known) : { ...known, phase: view.route };
    }
    case 'useFace':
      if (!state.face || !['entering', 'locked', 'padStopped'].includes(state.phase)) return state;
      return { ...state, phase: 'face', digits: '' };
    case 'usePin':
      return state.phase === 'face' && state.route === 'ssCardPin' ? askPin(state) : state;
    case 'retryPad':
      return state.phase === 'padStopped' ? askPin(state) : state;
    case 'digit':
      if (state.phase !== 'entering' || !/^\d$/.test(action.digit) || state.digits.length >= PIN_LENGTH) return state;
      return { ...state, digits: state.digits + action.digit };
    case 'backspace':
      return state.phase === 'entering' ? { ...state, digits: state.digits.slice(0, -1) } : state;
    case 'clear':
      return state.phase === 'entering' ? { ...state, digits: '' } : state;
    case 'submit':
      if (state.phase !== 'entering' || state.digits.length !== PIN_LENGTH) return state;
      return { ...state, phase: 'checking' };
    case 'result': {
      const r = action.result;
      const base = { ...state, digits: '' };
      if (r.status === 'ok') return { ...base, phase: 'passed' };
      if (r.status === 'wrong') return askPin({ ...base, triesLeft: r.triesLeft });
      if (r.status === 'locked') return { ...base, phase: 'locked', triesLeft: 0 };
      if (r.status === 'cancelled') return { ...base, phase: state.pinPad ? 'padStopped' : 'entering' };
      return { ...base, phase: 'noCard' };
    }
    case 'failed':
      return { ...state, digits: '', phase: 'failed', failCode: action.code };
  }
}
