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
  | { name: 'reprinting'; ticket: QueueTicket };

export interface QueueState {
  step: QueueStep;
  hallName: string;
  categories: QueueCategory[];
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
  | { type: 'reprintFailed'; code: ErrorCode };

export const initialQueueState: QueueState = { step: { name: 'loading' }, hallName: '', categories: [] };

function afterPrint(ticket: QueueTicket, print: PrintOutcome): QueueStep {
  return print.printed ? { name: 'printed', ticket } : { name: 'printFailed', ticket, reason: print.reason };
}

/** Every transition of the ticket screen. */
export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  const { step } = state;
  switch (action.type) {
    case 'categoriesLoaded':
      if (step.name !== 'loading') return state;
      return { step: { name: 'choosing' }, hallName: action.view.hallName, categories: action.view.categories };
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
      return { ...state, step: afterPrint(action.ticket, action.print) };
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
  }
}

/** A fresh request id for one tap (a uuid; the hall server's idempotency key). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
