/**
 * The ticket screen's steps as a pure reducer. A tap makes one request id; until the answer comes
 * every other tap is ignored, and "再试一次" sends the same id again, so however the person taps
 * the hall server issues one ticket.
 */
import type { ErrorCode, PrintOutcome, QueueCategoriesView, QueueCategory, QueueTicket } from '../../../../contracts';

export type QueueStep =
  | { name: 'loading' }
  | { name: 'loadFailed'; code: ErrorCode }
  | { name: 'choosing' }
  | { name: 'issuing'; category: QueueCategory; requestId: string }
  | { name: 'issueFailed'; category: QueueCategory; requestId: string; code: ErrorCode }
  | { name: 'printed'; ticket: QueueTicket }
  /** The ticket is valid; the paper did not come out. `reason`: the printer's code (`paperOut`). */
  | { name: 'printFailed'; ticket: QueueTicket; reason: string }
  | { name: 'reprinting'; ticket: QueueTicket }
  /** "快到您时发短信提醒": digits typed so far; `problem` an error code of the last try. */
  | { name: 'phoneEntry'; ticket: QueueTicket; back: TicketShown; typed: string; problem: ErrorCode | null }
  | { name: 'phoneSending'; ticket: QueueTicket; back: TicketShown; typed: string };

/** The ticket screens the phone step returns to. */
export type TicketShown = Extract<QueueStep, { name: 'printed' | 'printFailed' }>;

/** An 11-digit mainland mobile number (1, then 3–9, then nine digits). */
export function isMobileNumber(typed: string): boolean {
  return /^1[3-9]\d{9}$/.test(typed);
}

export interface QueueState {
  step: QueueStep;
  hallName: string;
  categories: QueueCategory[];
  /** The request id that issued the ticket on screen (the key a left phone is sent with). */
  issuedWith: string | null;
  /** The left phone, masked (`138****1234`), once the hall server has it. */
  phoneLeft: string | null;
}

export type QueueAction =
  | { type: 'categoriesLoaded'; view: QueueCategoriesView }
  | { type: 'categoriesFailed'; code: ErrorCode }
  | { type: 'reload' }
  | { type: 'tapped'; code: string; requestId: string }
  | { type: 'issued'; requestId: string; ticket: QueueTicket; print: PrintOutcome }
  | { type: 'issueFailed'; requestId: string; code: ErrorCode }
  | { type: 'retry' }
  | { type: 'backToCategories' }
  | { type: 'reprint' }
  | { type: 'reprinted'; print: PrintOutcome }
  | { type: 'reprintFailed'; code: ErrorCode }
  | { type: 'phoneOffer' }
  | { type: 'phoneKey'; key: string }
  | { type: 'phoneBackspace' }
  | { type: 'phoneSkip' }
  | { type: 'phoneSubmit' }
  | { type: 'phoneLeft'; maskedPhone: string }
  | { type: 'phoneFailed'; code: ErrorCode };

export const initialQueueState: QueueState = {
  step: { name: 'loading' },
  hallName: '',
  categories: [],
  issuedWith: null,
  phoneLeft: null,
};

function afterPrint(ticket: QueueTicket, print: PrintOutcome): QueueStep {
  return print.printed ? { name: 'printed', ticket } : { name: 'printFailed', ticket, reason: print.reason };
}

/** Every transition of the ticket screen. */
export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  const { step } = state;
  switch (action.type) {
    case 'categoriesLoaded':
      if (step.name !== 'loading') return state;
      return {
        ...state,
        step: { name: 'choosing' },
        hallName: action.view.hallName,
        categories: action.view.categories,
      };
    case 'categoriesFailed':
      if (step.name !== 'loading') return state;
      return { ...state, step: { name: 'loadFailed', code: action.code } };
    case 'reload':
      return step.name === 'loadFailed' ? { ...state, step: { name: 'loading' } } : state;
    case 'tapped': {
      // Only a tap on the choosing screen counts: a second tap while the first is answered does nothing.
      if (step.name !== 'choosing') return state;
      const category = state.categories.find((c) => c.code === action.code);
      if (!category) return state;
      return { ...state, step: { name: 'issuing', category, requestId: action.requestId } };
    }
    case 'issued':
      if (step.name !== 'issuing' || step.requestId !== action.requestId) return state;
      return { ...state, step: afterPrint(action.ticket, action.print), issuedWith: step.requestId, phoneLeft: null };
    case 'issueFailed':
      if (step.name !== 'issuing' || step.requestId !== action.requestId) return state;
      return {
        ...state,
        step: { name: 'issueFailed', category: step.category, requestId: step.requestId, code: action.code },
      };
    case 'retry':
      if (step.name !== 'issueFailed') return state;
      // The same request id: if the first try did reach the server, this returns that ticket.
      return { ...state, step: { name: 'issuing', category: step.category, requestId: step.requestId } };
    case 'backToCategories':
      return step.name === 'issueFailed' ? { ...state, step: { name: 'choosing' } } : state;
    case 'reprint':
      return step.name === 'printFailed' ? { ...state, step: { name: 'reprinting', ticket: step.ticket } } : state;
    case 'reprinted':
      return step.name === 'reprinting' ? { ...state, step: afterPrint(step.ticket, action.print) } : state;
    case 'reprintFailed':
      return step.name === 'reprinting'
        ? { ...state, step: { name: 'printFailed', ticket: step.ticket, reason: action.code } }
        : state;
    case 'phoneOffer':
      if ((step.name !== 'printed' && step.name !== 'printFailed') || state.phoneLeft || !state.issuedWith)
        return state;
      return { ...state, step: { name: 'phoneEntry', ticket: step.ticket, back: step, typed: '', problem: null } };
    case 'phoneKey':
      if (step.name !== 'phoneEntry' || !/^\d$/.test(action.key) || step.typed.length >= 11) return state;
      return { ...state, step: { ...step, typed: step.typed + action.key, problem: null } };
    case 'phoneBackspace':
      if (step.name !== 'phoneEntry') return state;
      return { ...state, step: { ...step, typed: step.typed.slice(0, -1), problem: null } };
    case 'phoneSkip':
      return step.name === 'phoneEntry' ? { ...state, step: step.back } : state;
    case 'phoneSubmit':
      if (step.name !== 'phoneEntry' || !isMobileNumber(step.typed)) return state;
      return { ...state, step: { name: 'phoneSending', ticket: step.ticket, back: step.back, typed: step.typed } };
    case 'phoneLeft':
      // The digits leave the state here: only the masked form stays on screen.
      return step.name === 'phoneSending' ? { ...state, step: step.back, phoneLeft: action.maskedPhone } : state;
    case 'phoneFailed':
      return step.name === 'phoneSending'
        ? {
            ...state,
            step: { name: 'phoneEntry', ticket: step.ticket, back: step.back, typed: step.typed, problem: action.code },
          }
        : state;
  }
}

/** A fresh request id for one tap (a uuid; the hall server's idempotency key). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
