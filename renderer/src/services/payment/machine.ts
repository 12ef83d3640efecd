/**
 * 缴费, one thing at a time: the second factor, then one of the resident pension year (a grade), resident
 * medical insurance (self and family members typed by ID number) or the arrears; the server's order and
 * total to confirm; one way to pay; then the one outcome. Amounts are the server's; nothing is summed
 * here. A new attempt after a failure is a new order (a new tap, a new requestId); after a refused QR
 * (`qrRefused`, not an outcome) the same order is paid the other way or by another QR. Pure.
 */
import type {
  ErrorCode,
  FamilyMemberCheck,
  OrderItemRequest,
  PaymentOptions,
  PaymentOrder,
  PaymentProgress,
} from '../../../../contracts';

export type PaymentKind = 'residentPension' | 'residentMedical' | 'arrears';

/** A family member added for resident medical insurance: the typed number stays here, the screen shows the mask. */
export interface FamilyMember {
  idNumber: string;
  check: FamilyMemberCheck;
}

export interface PaymentState {
  step: 'pin' | 'loading' | 'menu' | 'pension' | 'medical' | 'family' | 'arrears' | 'creating' | 'confirm' | 'paying';
  options: PaymentOptions | null;
  kind: PaymentKind | null;
  gradeId: string | null;
  medicalSelf: boolean;
  family: FamilyMember[];
  /** The ID number being typed on the keypad. */
  typed: string;
  /** Why the last typed family member cannot be added (a FamilyMemberCheck reason or an error code). */
  familyProblem: string | null;
  arrearsIds: string[];
  /** The tap's idempotency key for creating the order. */
  requestId: string | null;
  order: PaymentOrder | null;
  progress: PaymentProgress | null;
  /** When `progress` arrived (local clock): its countdown runs from there. */
  progressAt: number;
  error: ErrorCode | null;
  receipt: 'printing' | 'printed' | 'failed' | null;
  certificate: 'printing' | 'printed' | 'failed' | null;
  verificationCode: string | null;
}

export type PaymentAction =
  | { type: 'pinPassed' }
  | { type: 'options'; options: PaymentOptions }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'choose'; kind: PaymentKind }
  | { type: 'grade'; gradeId: string }
  | { type: 'toggleSelf' }
  | { type: 'toggleArrears'; arrearsId: string }
  | { type: 'addFamily' }
  | { type: 'key'; key: string }
  | { type: 'backspace' }
  | { type: 'familyChecked'; idNumber: string; check: FamilyMemberCheck }
  | { type: 'familyRefused'; problem: string }
  | { type: 'removeFamily'; idNumber: string }
  | { type: 'confirm'; requestId: string }
  | { type: 'created'; order: PaymentOrder }
  | { type: 'progress'; progress: PaymentProgress; at: number }
  | { type: 'paying' }
  | { type: 'receipt'; outcome: 'printing' | 'printed' | 'failed' }
  | { type: 'certificate'; outcome: 'printing' | 'printed' | 'failed'; verificationCode?: string }
  | { type: 'again'; requestId: string }
  | { type: 'back' };

export const initialPaymentState: PaymentState = {
  step: 'pin',
  options: null,
  kind: null,
  gradeId: null,
  medicalSelf: false,
  family: [],
  typed: '',
  familyProblem: null,
  arrearsIds: [],
  requestId: null,
  order: null,
  progress: null,
  progressAt: 0,
  error: null,
  receipt: null,
  certificate: null,
  verificationCode: null,
};

const ID_LENGTH = 18;

/** The items of the order the person chose, as the server is asked for them. */
export function itemsOf(state: PaymentState): OrderItemRequest[] {
  const o = state.options;
  if (!o) return [];
  if (state.kind === 'residentPension' && o.residentPension && state.gradeId)
    return [{ kind: 'residentPension', year: o.residentPension.year, gradeId: state.gradeId }];
  if (state.kind === 'residentMedical' && o.residentMedical) {
    const year = o.residentMedical.year;
    return [
      ...(state.medicalSelf ? [{ kind: 'residentMedical' as const, year }] : []),
      ...state.family.map((f) => ({ kind: 'residentMedical' as const, year, idNumber: f.idNumber })),
    ];
  }
  if (state.kind === 'arrears') return state.arrearsIds.map((arrearsId) => ({ kind: 'arrears' as const, arrearsId }));
  return [];
}

/** True when the payment has its outcome (paid, failed or cancelled). */
export function isOutcome(progress: PaymentProgress | null): boolean {
  return progress !== null && ['paid', 'failed', 'cancelled'].includes(progress.stage);
}

/** After an outcome: what can be paid now is asked again; only the passed second factor is kept. */
const fresh = (): PaymentState => ({ ...initialPaymentState, step: 'loading' });

export function paymentReducer(state: PaymentState, action: PaymentAction): PaymentState {
  switch (action.type) {
    case 'pinPassed':
      return { ...state, step: 'loading' };
    case 'options': {
      const o = action.options;
      return {
        ...state,
        step: 'menu',
        options: o,
        error: null,
        gradeId: o.residentPension?.lastGradeId ?? null,
        medicalSelf: o.residentMedical?.selfPayable ?? false,
        arrearsIds: o.arrears.map((a) => a.arrearsId),
      };
    }
    case 'failed':
      return { ...state, error: action.code, step: state.step === 'creating' ? 'confirm' : state.step };
    case 'choose': {
      const step =
        action.kind === 'residentPension' ? 'pension' : action.kind === 'residentMedical' ? 'medical' : 'arrears';
      return { ...state, kind: action.kind, step, error: null };
    }
    case 'grade':
      return { ...state, gradeId: action.gradeId };
    case 'toggleSelf':
      return { ...state, medicalSelf: !state.medicalSelf };
    case 'toggleArrears': {
      const on = state.arrearsIds.includes(action.arrearsId);
      return {
        ...state,
        arrearsIds: on
          ? state.arrearsIds.filter((id) => id !== action.arrearsId)
          : [...state.arrearsIds, action.arrearsId],
      };
    }
    case 'addFamily':
      return { ...state, step: 'family', typed: '', familyProblem: null };
    case 'key': {
      if (state.step !== 'family' || state.typed.length >= ID_LENGTH) return state;
      // X is only the check character, the eighteenth.
      if (action.key === 'X' && state.typed.length !== ID_LENGTH - 1) return state;
      return { ...state, typed: state.typed + action.key, familyProblem: null };
    }
    case 'backspace':
      return { ...state, typed: state.typed.slice(0, -1), familyProblem: null };
    case 'familyChecked':
      if (state.family.some((f) => f.idNumber === action.idNumber)) return { ...state, step: 'medical', typed: '' };
      return {
        ...state,
        step: 'medical',
        typed: '',
        familyProblem: null,
        family: [...state.family, { idNumber: action.idNumber, check: action.check }],
      };
    case 'familyRefused':
      return { ...state, familyProblem: action.problem };
    case 'removeFamily':
      return { ...state, family: state.family.filter((f) => f.idNumber !== action.idNumber) };
    case 'confirm':
      if (itemsOf(state).length === 0) return state;
      return { ...state, step: 'creating', requestId: action.requestId, order: null, progress: null, error: null };
    case 'created':
      return { ...state, step: 'confirm', order: action.order };
    case 'paying': {
      // From the order's check, or on the same order after the channel refused to make the QR.
      const qrRefused = state.step === 'paying' && state.progress?.stage === 'qrRefused';
      if (state.step !== 'confirm' && !qrRefused) return state;
      return { ...state, step: 'paying', progress: null, receipt: null, certificate: null, verificationCode: null };
    }
    case 'progress':
      if (state.step !== 'paying' || action.progress.orderId !== state.order?.orderId) return state;
      return { ...state, progress: action.progress, progressAt: action.at };
    case 'receipt':
      return { ...state, receipt: action.outcome };
    case 'certificate':
      return {
        ...state,
        certificate: action.outcome,
        verificationCode: action.verificationCode ?? state.verificationCode,
      };
    case 'again': {
      // Another attempt after a failure is a new order (a new tap): its amounts are asked again.
      const unpaid = isOutcome(state.progress) && state.progress?.stage !== 'paid';
      const refused = state.progress === null && state.error !== null; // the start itself was refused
      if (state.step !== 'paying' || !(unpaid || refused)) return state;
      return { ...state, step: 'creating', requestId: action.requestId, order: null, progress: null, error: null };
    }
    case 'back': {
      if (state.step === 'paying' && !isOutcome(state.progress)) return state; // cancel, not back, while paying
      if (state.step === 'family') return { ...state, step: 'medical', typed: '', familyProblem: null };
      if (['pension', 'medical', 'arrears', 'confirm'].includes(state.step))
        return { ...state, step: 'menu', order: null, error: null };
      if (state.step === 'paying') return fresh(); // after an outcome: what can be paid now, asked again
      return state;
    }
  }
}

/** Whole seconds left of the current step's countdown at `now`, or null when the step has none. */
export function secondsLeft(state: PaymentState, now: number): number | null {
  const ms = state.progress?.expiresInMs;
  if (ms === null || ms === undefined) return null;
  return Math.max(0, Math.ceil((state.progressAt + ms - now) / 1000));
}
