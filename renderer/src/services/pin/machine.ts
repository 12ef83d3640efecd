/** The PIN step: masked entry on a big keypad, the card's answer, tries left, locked. Pure. */
import type { ErrorCode, PinResult, SecondFactorView } from '../../../../contracts';

export const PIN_LENGTH = 6;

export type PinPhase =
  | 'asking' // is the second factor already there, and can this session give it?
  | 'entering'
  | 'checking'
  | 'passed'
  | 'locked'
  | 'noCard'
  | 'notAvailable'
  | 'failed';

export interface PinState {
  phase: PinPhase;
  /** Digits typed so far; shown only as dots, wiped on every answer. */
  digits: string;
  /** After a wrong PIN: tries the card still allows. */
  triesLeft: number | null;
  failCode: ErrorCode | null;
}

export type PinAction =
  | { type: 'factor'; view: SecondFactorView }
  | { type: 'digit'; digit: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'submit' }
  | { type: 'result'; result: PinResult }
  | { type: 'failed'; code: ErrorCode };

export const initialPinState: PinState = { phase: 'asking', digits: '', triesLeft: null, failCode: null };

export function pinReducer(state: PinState, action: PinAction): PinState {
  switch (action.type) {
    case 'factor':
      if (action.view.verified) return { ...state, phase: 'passed' };
      return { ...state, phase: action.view.route === 'ssCardPin' ? 'entering' : 'notAvailable' };
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
      if (r.status === 'wrong') return { ...base, phase: 'entering', triesLeft: r.triesLeft };
      if (r.status === 'locked') return { ...base, phase: 'locked', triesLeft: 0 };
      return { ...base, phase: 'noCard' };
    }
    case 'failed':
      return { ...state, digits: '', phase: 'failed', failCode: action.code };
  }
}
