/** Maintenance mode's steps as a pure reducer: staff id, PIN, the check, then the staff panel. */
import type { ErrorCode, MaintenanceStaff } from '../../../contracts';

export type SignInProblem = 'unauthorized' | 'rateLimited' | 'serverUnreachable' | 'other';

export type MaintenanceStep =
  | { name: 'staffId'; staffId: string; problem: SignInProblem | null }
  | { name: 'pin'; staffId: string; pin: string }
  | { name: 'checking'; staffId: string; pin: string }
  | { name: 'panel'; staff: MaintenanceStaff };

export type MaintenanceAction =
  | { type: 'key'; key: string }
  | { type: 'backspace' }
  | { type: 'next' }
  | { type: 'signedIn'; staff: MaintenanceStaff }
  | { type: 'signInFailed'; code: ErrorCode }
  /** The sign-in lapsed (idle) or staff signed out: back to the staff id. */
  | { type: 'signedOut' };

export const STAFF_ID_MAX = 12;
export const PIN_LENGTH = { min: 4, max: 8 };

export const initialMaintenanceStep: MaintenanceStep = { name: 'staffId', staffId: '', problem: null };

function problemOf(code: ErrorCode): SignInProblem {
  if (code === 'unauthorized' || code === 'rateLimited' || code === 'serverUnreachable') return code;
  return 'other';
}

export function maintenanceReducer(step: MaintenanceStep, action: MaintenanceAction): MaintenanceStep {
  switch (action.type) {
    case 'key':
      if (step.name === 'staffId' && step.staffId.length < STAFF_ID_MAX)
        return { name: 'staffId', staffId: step.staffId + action.key, problem: null };
      if (step.name === 'pin' && /^\d$/.test(action.key) && step.pin.length < PIN_LENGTH.max)
        return { ...step, pin: step.pin + action.key };
      return step;
    case 'backspace':
      if (step.name === 'staffId') return { ...step, staffId: step.staffId.slice(0, -1) };
      if (step.name === 'pin')
        return step.pin === ''
          ? { name: 'staffId', staffId: step.staffId, problem: null }
          : { ...step, pin: step.pin.slice(0, -1) };
      return step;
    case 'next':
      if (step.name === 'staffId' && step.staffId !== '') return { name: 'pin', staffId: step.staffId, pin: '' };
      if (step.name === 'pin' && step.pin.length >= PIN_LENGTH.min)
        return { name: 'checking', staffId: step.staffId, pin: step.pin };
      return step;
    case 'signedIn':
      return step.name === 'checking' ? { name: 'panel', staff: action.staff } : step;
    case 'signInFailed':
      // The PIN is never kept after a try; the staff id stays so only the PIN is typed again.
      return step.name === 'checking'
        ? { name: 'staffId', staffId: step.staffId, problem: problemOf(action.code) }
        : step;
    case 'signedOut':
      return initialMaintenanceStep;
  }
}
