/** The inquiry screens: a menu, enrollments, contributions (type → years → months), pension, medical, unemployment benefit. Pure. */
import type { InsuranceType } from '../../../../contracts';

export type InquiryView = 'enrollments' | 'contributions' | 'pension' | 'medical' | 'unemployment';

/** Views that show money details: the second factor first. */
export const DETAIL_VIEWS: ReadonlySet<InquiryView> = new Set(['contributions', 'pension', 'medical', 'unemployment']);

export interface InquiryState {
  step: 'menu' | 'pin' | InquiryView;
  /** The view the PIN step leads to. */
  pending: InquiryView | null;
  /** Passed once, the second factor is not asked again in this service. */
  verified: boolean;
  insuranceType: InsuranceType | null;
  year: number | null;
  page: number;
}

export type InquiryAction =
  | { type: 'open'; view: InquiryView }
  | { type: 'pinPassed' }
  | { type: 'pinCancelled' }
  | { type: 'back' }
  | { type: 'chooseType'; insuranceType: InsuranceType }
  | { type: 'chooseYear'; year: number }
  | { type: 'page'; page: number };

export const initialInquiryState: InquiryState = {
  step: 'menu',
  pending: null,
  verified: false,
  insuranceType: null,
  year: null,
  page: 1,
};

export function inquiryReducer(state: InquiryState, action: InquiryAction): InquiryState {
  switch (action.type) {
    case 'open': {
      const fresh = { ...state, insuranceType: null, year: null, page: 1 };
      if (DETAIL_VIEWS.has(action.view) && !state.verified) return { ...fresh, step: 'pin', pending: action.view };
      return { ...fresh, step: action.view, pending: null };
    }
    case 'pinPassed':
      return state.step === 'pin' && state.pending
        ? { ...state, step: state.pending, pending: null, verified: true }
        : { ...state, verified: true };
    case 'pinCancelled':
      return { ...state, step: 'menu', pending: null };
    case 'back':
      if (state.step === 'contributions' && state.year !== null) return { ...state, year: null, page: 1 };
      return { ...state, step: 'menu', pending: null, insuranceType: null, year: null, page: 1 };
    case 'chooseType':
      return { ...state, insuranceType: action.insuranceType, year: null, page: 1 };
    case 'chooseYear':
      return { ...state, year: action.year, page: 1 };
    case 'page':
      return { ...state, page: Math.max(1, action.page) };
  }
}
