/**
 * Printing a statement: choose what (big choices), the card PIN if not given yet, which year or span,
 * then the hall server counts its pages; more than STATEMENT_CONFIRM_PAGES pages are printed only after
 * the person confirms the count (or picks the shorter choice), then follow issuing and printing to its fate. A retry reprints the statement already issued (or,
 * if issuing itself failed, asks again with the same request id), so it never issues twice. Pure.
 */
import {
  type PrintFailure,
  type PrintProgress,
  type PrintStage,
  STATEMENT_CONFIRM_PAGES,
  type StatementPreview,
  type StatementRequest,
} from '../../../../contracts';

export type StatementChoice = 'rightsStatement' | 'insuranceCertificate';

export interface StatementsState {
  step: 'choose' | 'pin' | 'year' | 'span' | 'counting' | 'confirm' | 'printing' | 'done' | 'failed';
  kind: StatementChoice | null;
  verified: boolean;
  request: StatementRequest | null;
  /** The server's page count of the request (and its shorter choice), once counted. */
  preview: StatementPreview | null;
  /** Bumped for every count, so the screen asks the server exactly once per count. */
  countAttempt: number;
  /** The idempotency key of the current attempt (null until printing starts). */
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
  /** A year or span was tapped: count its pages first. */
  | { type: 'ask'; request: StatementRequest }
  /** The server's count: a short statement prints at once (with this key), a long one asks first. */
  | { type: 'counted'; preview: StatementPreview; requestId: string }
  | { type: 'countFailed'; reason: PrintFailure }
  /** The person confirmed the count (or chose the shorter request). */
  | { type: 'print'; request: StatementRequest; requestId: string }
  | { type: 'progress'; progress: PrintProgress }
  | { type: 'retry'; requestId: string }
  | { type: 'back' };

export const initialStatementsState: StatementsState = {
  step: 'choose',
  kind: null,
  verified: false,
  request: null,
  preview: null,
  countAttempt: 0,
  requestId: null,
  statementId: null,
  verificationCode: null,
  stage: null,
  reason: null,
  attempt: 0,
};

const stepOf = (kind: StatementChoice) => (kind === 'rightsStatement' ? 'year' : 'span');

function startPrinting(state: StatementsState, request: StatementRequest, requestId: string): StatementsState {
  return {
    ...state,
    step: 'printing',
    request,
    requestId,
    statementId: null,
    verificationCode: null,
    stage: 'issuing',
    reason: null,
    attempt: state.attempt + 1,
  };
}

export function statementsReducer(state: StatementsState, action: StatementsAction): StatementsState {
  switch (action.type) {
    case 'chooseKind':
      return { ...state, kind: action.kind, step: state.verified ? stepOf(action.kind) : 'pin' };
    case 'pinPassed':
      return state.kind ? { ...state, verified: true, step: stepOf(state.kind) } : state;
    case 'pinCancelled':
      return { ...state, step: 'choose', kind: null };
    case 'ask':
      if (state.step !== 'year' && state.step !== 'span') return state;
      return {
        ...state,
        step: 'counting',
        request: action.request,
        preview: null,
        requestId: null,
        statementId: null,
        verificationCode: null,
        stage: null,
        reason: null,
        countAttempt: state.countAttempt + 1,
      };
    case 'counted':
      if (state.step !== 'counting') return state;
      if (action.preview.pageCount > STATEMENT_CONFIRM_PAGES)
        return { ...state, step: 'confirm', preview: action.preview };
      return startPrinting({ ...state, preview: action.preview }, action.preview.ask, action.requestId);
    case 'countFailed':
      if (state.step !== 'counting') return state;
      return { ...state, step: 'failed', reason: action.reason };
    case 'print':
      if (state.step !== 'confirm') return state;
      return startPrinting(state, action.request, action.requestId);
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
      // The count itself failed: count again (nothing was issued, nothing printed).
      if (state.requestId === null)
        return { ...state, step: 'counting', reason: null, countAttempt: state.countAttempt + 1 };
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
      if (state.step === 'counting') return state; // a moment: its answer decides the next screen
      if (state.step === 'confirm' && state.kind)
        return { ...state, step: stepOf(state.kind), preview: null, request: null };
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
