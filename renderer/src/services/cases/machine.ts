/**
 * Case progress: wait for a receipt's barcode (or a tap on one's own case), or type the case number
 * on the keypad; look it up, show it. Pure.
 */
import type { CaseProgress, ErrorCode } from '../../../../contracts';

export interface CasesState {
  step: 'waiting' | 'typing' | 'looking' | 'found' | 'notFound' | 'failed';
  caseNo: string | null;
  found: CaseProgress | null;
  failCode: ErrorCode | null;
  /** What is typed on the keypad so far (kept when a lookup fails, so it can be corrected). */
  typed: string;
}

export type CasesAction =
  | { type: 'scanned'; caseNo: string }
  | { type: 'show'; found: CaseProgress }
  | { type: 'answer'; found: CaseProgress }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'again' }
  /** Opens the keypad (again with the number last typed, to correct it). */
  | { type: 'type' }
  | { type: 'key'; keys: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'submit' };

/** Case numbers are 6 to 40 letters and digits (contracts' CaseNoSchema). */
export const CASE_NO_MIN = 6;
export const CASE_NO_MAX = 40;

export const initialCasesState: CasesState = {
  step: 'waiting',
  caseNo: null,
  found: null,
  failCode: null,
  typed: '',
};

/** True when the typed number has the length of a case number (the server says whether it exists). */
export const canSubmit = (typed: string) => typed.length >= CASE_NO_MIN && typed.length <= CASE_NO_MAX;

export function casesReducer(state: CasesState, action: CasesAction): CasesState {
  switch (action.type) {
    case 'scanned':
      return { ...initialCasesState, step: 'looking', caseNo: action.caseNo };
    case 'show':
      return { ...initialCasesState, step: 'found', caseNo: action.found.caseNo, found: action.found };
    case 'answer':
      // An answer for an older scan is dropped: the person has scanned another receipt since.
      if (state.step !== 'looking' || action.found.caseNo !== state.caseNo) return state;
      return { ...state, step: 'found', found: action.found };
    case 'failed':
      if (state.step !== 'looking') return state;
      return { ...state, step: action.code === 'notFound' ? 'notFound' : 'failed', failCode: action.code };
    case 'again':
      return initialCasesState;
    case 'type':
      return { ...initialCasesState, step: 'typing', typed: state.typed };
    case 'key': {
      if (state.step !== 'typing') return state;
      const keys = action.keys.toUpperCase().replace(/[^A-Z0-9]/g, '');
      return { ...state, typed: (state.typed + keys).slice(0, CASE_NO_MAX) };
    }
    case 'backspace':
      return state.step === 'typing' ? { ...state, typed: state.typed.slice(0, -1) } : state;
    case 'clear':
      return state.step === 'typing' ? { ...state, typed: '' } : state;
    case 'submit':
      if (state.step !== 'typing' || !canSubmit(state.typed)) return state;
      return { ...state, step: 'looking', caseNo: state.typed };
  }
}

/**
 * The number as it is shown and read out: the letter prefix on its own, then the digits in fours
 * (`SB 0012 0240 3150 0001 231`), so a person can compare it with the receipt group by group.
 */
export function groupCaseNo(caseNo: string): string[] {
  const prefix = /^[A-Za-z]+/.exec(caseNo)?.[0] ?? '';
  const rest = caseNo.slice(prefix.length);
  const groups = prefix ? [prefix] : [];
  for (let i = 0; i < rest.length; i += 4) groups.push(rest.slice(i, i + 4));
  return groups;
}
