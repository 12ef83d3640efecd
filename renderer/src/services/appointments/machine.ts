/**
 * The 预约 service's steps as a pure reducer. Calls are made by the screen for the step `working`
 * (one at a time; taps while working do nothing), and their answers come back as actions.
 */
import type {
  Appointment,
  CheckInResult,
  ErrorCode,
  MyAppointments,
  QueueCategory,
  Slot,
  SlotsResponse,
} from '../../../../contracts';

export type AppointmentStep =
  | { name: 'loading' }
  | { name: 'home' }
  | { name: 'chooseCategory'; moving: Appointment | null }
  | { name: 'chooseSlot'; slots: SlotsResponse; dayIndex: number; moving: Appointment | null }
  | { name: 'confirm'; slots: SlotsResponse; slot: Slot; moving: Appointment | null }
  | { name: 'confirmCancel'; appointment: Appointment }
  | { name: 'working' }
  | { name: 'booked'; appointment: Appointment; moved: boolean }
  | { name: 'cancelled'; appointment: Appointment }
  | { name: 'checkedIn'; result: CheckInResult }
  | { name: 'failed'; code: ErrorCode };

export interface AppointmentState {
  step: AppointmentStep;
  mine: MyAppointments;
  categories: QueueCategory[];
}

export type AppointmentAction =
  | { type: 'loaded'; mine: MyAppointments; categories: QueueCategory[] }
  | { type: 'work' }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'newBooking' }
  | { type: 'move'; appointment: Appointment }
  | { type: 'slotsLoaded'; slots: SlotsResponse; moving: Appointment | null }
  | { type: 'pickDay'; dayIndex: number }
  | { type: 'pickSlot'; slot: Slot }
  | { type: 'askCancel'; appointment: Appointment }
  | { type: 'booked'; appointment: Appointment; moved: boolean }
  | { type: 'cancelled'; appointment: Appointment }
  | { type: 'checkedIn'; result: CheckInResult }
  | { type: 'back' }
  | { type: 'reload' };

export const initialAppointmentState: AppointmentState = {
  step: { name: 'loading' },
  mine: { appointments: [], blockedUntil: null },
  categories: [],
};

/** Every transition of the 预约 screen. */
export function appointmentReducer(state: AppointmentState, action: AppointmentAction): AppointmentState {
  const { step } = state;
  switch (action.type) {
    case 'loaded':
      return { step: { name: 'home' }, mine: action.mine, categories: action.categories };
    case 'work':
      return step.name === 'working' ? state : { ...state, step: { name: 'working' } };
    case 'failed':
      return { ...state, step: { name: 'failed', code: action.code } };
    case 'newBooking':
      return step.name === 'home' ? { ...state, step: { name: 'chooseCategory', moving: null } } : state;
    case 'move':
      return step.name === 'home' ? { ...state, step: { name: 'working' } } : state;
    case 'slotsLoaded':
      return { ...state, step: { name: 'chooseSlot', slots: action.slots, dayIndex: 0, moving: action.moving } };
    case 'pickDay':
      return step.name === 'chooseSlot' ? { ...state, step: { ...step, dayIndex: action.dayIndex } } : state;
    case 'pickSlot':
      if (step.name !== 'chooseSlot' || action.slot.free === 0) return state;
      return { ...state, step: { name: 'confirm', slots: step.slots, slot: action.slot, moving: step.moving } };
    case 'askCancel':
      return step.name === 'home'
        ? { ...state, step: { name: 'confirmCancel', appointment: action.appointment } }
        : state;
    case 'booked':
      return { ...state, step: { name: 'booked', appointment: action.appointment, moved: action.moved } };
    case 'cancelled':
      return { ...state, step: { name: 'cancelled', appointment: action.appointment } };
    case 'checkedIn':
      return { ...state, step: { name: 'checkedIn', result: action.result } };
    case 'back':
      if (step.name === 'confirm')
        return { ...state, step: { name: 'chooseSlot', slots: step.slots, dayIndex: 0, moving: step.moving } };
      if (step.name === 'chooseSlot' && !step.moving)
        return { ...state, step: { name: 'chooseCategory', moving: null } };
      return { ...state, step: { name: 'home' } };
    case 'reload':
      return { ...state, step: { name: 'loading' } };
  }
}

/** Whether one of the bookings is today (the check-in button leads). */
export function hasBookingOn(mine: MyAppointments, today: string): boolean {
  return mine.appointments.some((a) => a.day === today && a.status === 'booked');
}
