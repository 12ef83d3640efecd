/** Case progress: wait for a receipt's barcode (or a tap on one's own case), look it up, show it. Pure. */
import type { CaseProgress, ErrorCode } from '../../../../contracts';

export interface CasesState {
  step: 'waiting' | 'looking' | 'found' | 'notFound' | 'failed';
  caseNo: string | null;
  found: CaseProgress | null;
  failCode: ErrorCode | null;
}

export type CasesAction =
  | { type: 'scanned'; caseNo: string }
  | { type: 'show'; found: CaseProgress }
  | { type: 'answer'; found: CaseProgress }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'again' };

export const initialCasesState: CasesState = { step: 'waiting', caseNo: null, found: null, failCode: null };

export function casesReducer(state: CasesState, action: CasesAction): CasesState {
  switch (action.type) {
    case 'scanned':
      return { step: 'looking', caseNo: action.caseNo, found: null, failCode: null };
    case 'show':
      return { step: 'found', caseNo: action.found.caseNo, found: action.found, failCode: null };
    case 'answer':
      // An answer for an older scan is dropped: the person has scanned another receipt since.
      if (state.step !== 'looking' || action.found.caseNo !== state.caseNo) return state;
      return { ...state, step: 'found', found: action.found };
    case 'failed':
      if (state.step !== 'looking') return state;
      return { ...state, step: action.code === 'notFound' ? 'notFound' : 'failed', failCode: action.code };
    case 'again':
      return initialCasesState;
  }
}
