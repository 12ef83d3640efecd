/**
 * Printing a statement: choose what (big choices), the card PIN if not given yet, which year or span,
 * then follow issuing and printing to its fate. A retry reprints the statement already issued (or,
 * if issuing itself failed, asks again with the same request id), so it never issues twice. Pure.
 */
import type { PrintFailure, PrintProgress, PrintStage, StatementRequest } from '../../../../contracts';

export type StatementChoice = 'rightsStatement' | 'insuranceCertificate';

export interface StatementsState {
  step: 'choose' | 'pin' | 'year' | 'span' | 'printing' | 'done' | 'failed';
  kind: StatementChoice | null;
  verified: boolean;
  request: StatementRequest | null;
  /** The idempotency key of the current attempt. */
  requestId: string | null;
  /** Known once the server issued the statement: retries reprint it. */
  statementId: string | null;
  verificationCode: string | null;
  stage: PrintStage | null;
  reason: PrintFailure | null;
  /** Bumped for every attempt, so the screen starts each call exactly once. */
  attempt: number;
}

export type StatementsAction =
  | { type: 'chooseKind'; kind: StatementChoice }
  | { type: 'pinPassed' }
  | { type: 'pinCancelled' }
  | { type: 'print'; request: StatementRequest; requestId: string }
  | { type: 'progress'; progress: PrintProgress }
  | { type: 'retry'; requestId: string }
  | { type: 'back' };

export const initialStatementsState: StatementsState = {
  step: 'choose',
  kind: null,
  verified: false,
  request: null,
  requestId: null,
  statementId: null,
  verificationCode: null,
  stage: null,
  reason: null,
  attempt: 0,
};

const stepOf = (kind: StatementChoice) => (kind === 'rightsStatement' ? 'year' : 'span');

export function statementsReducer(state: StatementsState, action: StatementsAction): StatementsState {
  switch (action.type) {
    case 'chooseKind':
      return { ...state, kind: action.kind, step: state.verified ? stepOf(action.kind) : 'pin' };
    case 'pinPassed':
      return state.kind ? { ...state, verified: true, step: stepOf(state.kind) } : state;
    case 'pinCancelled':
      return { ...state, step: 'choose', kind: null };
    case 'print':
      if (state.step !== 'year' && state.step !== 'span') return state;
      return {
        ...state,
        step: 'printing',
        request: action.request,
        requestId: action.requestId,
        statementId: null,
        verificationCode: null,
        stage: 'issuing',
        reason: null,
        attempt: state.attempt + 1,
      };
    case 'progress': {
      const p = action.progress;
      if (state.step !== 'printing' || p.requestId !== state.requestId) return state;
      const next = {
        ...state,
        stage: p.stage,
        statementId: p.statementId ?? state.statementId,
        verificationCode: p.verificationCode ?? state.verificationCode,
      };
      if (p.stage === 'done') return { ...next, step: 'done' };
      if (p.stage === 'failed') return { ...next, step: 'failed', reason: p.reason ?? 'internal' };
      return next;
    }
    case 'retry':
      if (state.step !== 'failed') return state;
      return {
        ...state,
        step: 'printing',
        // Reprinting an issued statement is a new print job (new key); issuing again reuses the old key.
        requestId: state.statementId ? action.requestId : state.requestId,
        stage: state.statementId ? 'rendering' : 'issuing',
        reason: null,
        attempt: state.attempt + 1,
      };
    case 'back':
      if (state.step === 'printing') return state; // the paper is on its way: stay until its fate is known
      return { ...initialStatementsState, verified: state.verified };
  }
}

/** The certificate spans offered: the last 1, 3 or 5 years, or everything since the first enrollment. */
export function certificateSpan(
  years: number | 'all',
  today: { year: number; month: number },
  firstPeriod: string | null,
): { from: string; to: string } {
  const to = `${today.year}${String(today.month).padStart(2, '0')}`;
  if (years === 'all') return { from: firstPeriod && firstPeriod < to ? firstPeriod : to, to };
  const index = today.year * 12 + today.month - 1 - (years * 12 - 1);
  const from = `${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
  return { from: firstPeriod && firstPeriod > from ? firstPeriod : from, to };
}
