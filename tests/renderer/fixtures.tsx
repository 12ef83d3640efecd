/** Shared test data and a fake KioskApi (the host as the renderer sees it). */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type {
  InsuranceSummary,
  KioskApi,
  KioskEvent,
  KioskEventPayload,
  SessionView,
  TerminalStatus,
} from '../../contracts';
import type { Speech } from '../../renderer/src/speech/speech';

export const okStatus: TerminalStatus = {
  terminalId: 'T-0101',
  hallName: '朝阳区人社服务大厅',
  inService: true,
  serverReachable: true,
  devices: [
    { device: 'idCardReader', state: 'ok' },
    { device: 'receiptPrinter', state: 'ok' },
  ],
};

export const readerFailedStatus: TerminalStatus = {
  ...okStatus,
  devices: [{ device: 'idCardReader', state: 'failed', reason: 'unplugged' }],
};

export const closedStatus: TerminalStatus = { ...okStatus, inService: false };

export function sessionView(over: Partial<SessionView> = {}): SessionView {
  return {
    person: { name: '王秀英', maskedIdNumber: '1101**********2326', sex: 'female', isRetiree: true },
    identifiedBy: 'idCard',
    timeoutMs: 120_000,
    expiresInMs: 120_000,
    ...over,
  };
}

export const otherPerson: SessionView = sessionView({
  person: { name: '李建国', maskedIdNumber: '3201**********0011', sex: 'male', isRetiree: false },
});

export const summary: InsuranceSummary = {
  enrollments: [
    {
      insuranceType: 'employeePension',
      status: 'receiving',
      startDate: '1985-07-01',
      endDate: null,
      region: '北京市朝阳区',
      employerName: '北京第二机床厂',
      paidMonths: 183,
      arrearsMonths: 0,
    },
    {
      insuranceType: 'employeeMedical',
      status: 'active',
      startDate: '2001-04-01',
      endDate: null,
      region: '北京市朝阳区',
      employerName: null,
      paidMonths: 288,
      arrearsMonths: 0,
    },
    {
      insuranceType: 'residentMedical',
      status: 'suspended',
      startDate: '2016-01-01',
      endDate: null,
      region: '河北省保定市',
      employerName: null,
      paidMonths: 24,
      arrearsMonths: 3,
    },
  ],
  pensionPaidMonths: 183,
  pensionAccount: { balance: 8_765_432, asOf: '202410' },
  medicalAccount: { balance: 345_678, asOf: '2024-11-20' },
  monthlyPension: 412_350,
};

type Listener = (payload: unknown) => void;

/** A fake host: methods are vi.fn()s reading `state`, and `emit` pushes an event inside act(). */
export function createFakeKiosk(initial: { status?: TerminalStatus; session?: SessionView | null } = {}) {
  const state = {
    status: initial.status ?? okStatus,
    session: initial.session ?? null,
    summary: summary as InsuranceSummary,
    /** When set, getSummary waits for the test to settle it. */
    holdSummary: false,
  };
  const held: Array<{ resolve: (s: InsuranceSummary) => void; reject: (e: unknown) => void }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const kiosk = {
    getStatus: vi.fn<KioskApi['getStatus']>(async () => state.status),
    getSession: vi.fn<KioskApi['getSession']>(async () => state.session),
    getSummary: vi.fn<KioskApi['getSummary']>(() =>
      state.holdSummary
        ? new Promise<InsuranceSummary>((resolve, reject) => held.push({ resolve, reject }))
        : Promise.resolve(state.summary),
    ),
    touchSession: vi.fn<KioskApi['touchSession']>(async () => state.session),
    endSession: vi.fn<KioskApi['endSession']>(async () => {
      state.session = null;
      return null;
    }),
    on: vi.fn((event: KioskEvent, listener: Listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    }),
  };
  return {
    kiosk: kiosk as unknown as KioskApi & typeof kiosk,
    state,
    held,
    listenerCount: (event: KioskEvent) => listeners.get(event)?.size ?? 0,
    /** Pushes a host event, as the preload or the bridge would. */
    async emit<E extends KioskEvent>(event: E, payload: KioskEventPayload<E>) {
      await act(async () => {
        for (const l of listeners.get(event) ?? []) l(payload);
        await vi.advanceTimersByTimeAsync(0);
      });
    },
  };
}

/** Lets pending promises and effects run; advances fake time by `ms`. */
export async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** A Speech that records what it was asked to say. */
export function recordingSpeech() {
  const spoken: Array<{ text: string; locale: string }> = [];
  let cancels = 0;
  const speech: Speech = {
    speak: (text, locale) => void spoken.push({ text, locale }),
    cancel: () => void cancels++,
  };
  return { speech, spoken, cancels: () => cancels };
}
