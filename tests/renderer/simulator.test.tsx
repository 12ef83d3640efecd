import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError, type DemoCard, type SimulatorApi, type SimulatorState } from '../../contracts';
import { SimulatorPage } from '../../renderer/simulator/SimulatorPage';
import { advance } from './fixtures';

const cards: DemoCard[] = [
  {
    role: '退休人员 / retiree',
    card: {
      name: '王秀英',
      sex: '女',
      nation: '01',
      birthDate: '19560312',
      address: '北京市朝阳区',
      idNumber: '110105195603122326',
      issuingAuthority: '北京市公安局朝阳分局',
      validFrom: '20150101',
      validTo: '长期',
    },
  },
  {
    role: '在职职工 / employee',
    card: {
      name: '李建国',
      sex: '男',
      nation: '01',
      birthDate: '19800101',
      address: '江苏省南京市',
      idNumber: '320102198001010011',
      issuingAuthority: '南京市公安局',
      validFrom: '20200101',
      validTo: '20400101',
    },
  },
];

const idle: SimulatorState = {
  idCardInField: null,
  ssCardInReader: null,
  ssCardPin: null,
  ssCardTriesLeft: null,
  ssCardWrongNext: false,
  paper: 'ok',
  coverOpen: false,
  printedReceipts: 0,
  a4Pages: 0,
  unplugged: [],
  devices: [{ device: 'idCardReader', state: 'ok' }],
};

function fakeSim() {
  let listener: ((s: SimulatorState) => void) | null = null;
  let state = idle;
  const settle = (next: SimulatorState) => {
    state = next;
    return Promise.resolve(state);
  };
  const sim = {
    listDemoCards: vi.fn(async () => cards),
    getState: vi.fn(async () => state),
    insertIdCard: vi.fn(({ idNumber }: { idNumber: string }) => settle({ ...state, idCardInField: idNumber })),
    removeIdCard: vi.fn(() => settle({ ...state, idCardInField: null })),
    unplug: vi.fn(() =>
      settle({ ...state, unplugged: ['idCardReader'], devices: [{ device: 'idCardReader', state: 'failed' }] }),
    ),
    replug: vi.fn(() => settle(idle)),
    enrolFace: vi.fn(() => Promise.resolve({ enrolledAt: '2026-01-01T00:00:00.000Z' })),
    insertSsCard: vi.fn(({ idNumber }: { idNumber: string }) =>
      settle({ ...state, ssCardInReader: idNumber, ssCardPin: '123456', ssCardTriesLeft: 3 }),
    ),
    removeSsCard: vi.fn(() => settle({ ...state, ssCardInReader: null, ssCardPin: null, ssCardTriesLeft: null })),
    failNextPin: vi.fn(() => settle({ ...state, ssCardWrongNext: true })),
    lockSsCard: vi.fn(() => settle({ ...state, ssCardTriesLeft: 0 })),
    scanQr: vi.fn(() => settle(state)),
    scanECard: vi.fn(() => settle(state)),
    setPaper: vi.fn(({ state: paper }: { state: SimulatorState['paper'] }) => settle({ ...state, paper })),
    setCoverOpen: vi.fn(({ open }: { open: boolean }) => settle({ ...state, coverOpen: open })),
    listPrintedReceipts: vi.fn(async () => []),
    listA4Documents: vi.fn(async () => []),
    showPaymentCode: vi.fn(() => settle(state)),
    scanShownPaymentQr: vi.fn(() => settle(state)),
    on: vi.fn((_event: 'stateChanged', l: (s: SimulatorState) => void) => {
      listener = l;
      return () => void (listener = null);
    }),
  };
  return { sim, push: (s: SimulatorState) => listener?.(s) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('simulator page', () => {
  it('lists the demo cards in full and inserts and removes a card', async () => {
    const { sim } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    expect(document.body.textContent).toContain('110105195603122326');
    expect(document.body.textContent).toContain('退休人员 / retiree');
    expect((screen.getByTestId('sim-remove-card') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('sim-insert-110105195603122326'));
    await advance();
    expect(sim.insertIdCard).toHaveBeenCalledWith({ idNumber: '110105195603122326' });
    expect(screen.getByTestId('sim-state').textContent).toContain('"idCardInField": "110105195603122326"');

    fireEvent.click(screen.getByTestId('sim-remove-card'));
    await advance();
    expect(sim.removeIdCard).toHaveBeenCalledWith({});
    expect(screen.getByTestId('sim-state').textContent).toContain('"idCardInField": null');
  });

  it("shows the inserted social security card's PIN and tries, and makes the next PIN wrong or locks it", async () => {
    const { sim } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    expect(screen.queryByTestId('sim-ss-pin')).toBeNull();
    fireEvent.click(screen.getByTestId('sim-insert-ss-110105195603122326'));
    await advance();
    expect(screen.getByTestId('sim-ss-pin-value').textContent).toBe('123456');
    expect(screen.getByTestId('sim-ss-tries').textContent).toBe('3');
    fireEvent.click(screen.getByTestId('sim-fail-next-pin'));
    await advance();
    expect(sim.failNextPin).toHaveBeenCalledWith({});
    expect(screen.getByTestId('sim-ss-pin').textContent).toContain('下一次输入视为错误');
    fireEvent.click(screen.getByTestId('sim-lock-ss-card'));
    await advance();
    expect(screen.getByTestId('sim-ss-tries').textContent).toBe('0');
    expect(screen.getByTestId('sim-ss-pin').textContent).toContain('已锁卡');
    expect((screen.getByTestId('sim-lock-ss-card') as HTMLButtonElement).disabled).toBe(true);
  });

  it("plays the person's phone: a payment code with the channel's answer, or the kiosk's QR paid", async () => {
    const { sim } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    fireEvent.click(screen.getByTestId('sim-pay-code-password'));
    await advance();
    expect(sim.showPaymentCode).toHaveBeenCalledWith({ outcome: 'password' });
    fireEvent.click(screen.getByTestId('sim-pay-qr-decline'));
    await advance();
    expect(sim.scanShownPaymentQr).toHaveBeenCalledWith({ action: 'decline' });
  });

  it("scans a demo person's e-card: valid, expired or forged", async () => {
    const { sim } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    const id = '110105195603122326';
    fireEvent.click(screen.getByTestId(`sim-ecard-${id}`));
    fireEvent.click(screen.getByTestId(`sim-ecard-expired-${id}`));
    fireEvent.click(screen.getByTestId(`sim-ecard-forged-${id}`));
    await advance();
    expect(sim.scanECard.mock.calls).toEqual([
      [{ idNumber: id, variant: 'valid' }],
      [{ idNumber: id, variant: 'expired' }],
      [{ idNumber: id, variant: 'forged' }],
    ]);
  });

  it('unplugs and replugs the reader, showing its health', async () => {
    const { sim } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    expect((screen.getByTestId('sim-replug-idCardReader') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('sim-unplug-idCardReader'));
    await advance();
    expect(sim.unplug).toHaveBeenCalledWith({ device: 'idCardReader' });
    expect(screen.getByTestId('sim-device-idCardReader').textContent).toContain('failed');
    fireEvent.click(screen.getByTestId('sim-replug-idCardReader'));
    await advance();
    expect(sim.replug).toHaveBeenCalledWith({ device: 'idCardReader' });
    expect(screen.getByTestId('sim-device-idCardReader').textContent).toContain('ok');
  });

  it('follows stateChanged events and reports failed actions', async () => {
    const { sim, push } = fakeSim();
    render(<SimulatorPage sim={sim as SimulatorApi} />);
    await advance();
    await act(async () => push({ ...idle, idCardInField: '320102198001010011' }));
    expect(screen.getByTestId('sim-state').textContent).toContain('320102198001010011');
    sim.insertIdCard.mockRejectedValueOnce(new KioskError('deviceFailed', 'reader unplugged'));
    fireEvent.click(screen.getByTestId('sim-insert-110105195603122326'));
    await advance();
    expect(screen.getByRole('alert').textContent).toContain('deviceFailed');
  });
});
