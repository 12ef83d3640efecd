import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_IDLE_MS, App } from '../../renderer/src/App';
import type { ServiceDefinition, ServiceProps } from '../../renderer/src/services/registry';
import { advance, createFakeKiosk, recordingSpeech, sessionView } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Probe({ session, say, close, keepAlive }: ServiceProps) {
  return (
    <div>
      {/* What a camera step does while the person follows prompts without touching the screen. */}
      <span data-testid="probe-busy" onDoubleClick={keepAlive} />
      <p data-testid="probe-who">{session ? session.person.name : '无卡'}</p>
      <button type="button" onClick={() => say('请选择指南')}>
        say
      </button>
      <button type="button" onClick={close}>
        done
      </button>
    </div>
  );
}

const services: ServiceDefinition[] = [
  {
    id: 'guides',
    needsSession: false,
    order: 2,
    title: { 'zh-CN': '办事指南', en: 'Guides' },
    hint: { 'zh-CN': '需要带什么材料', en: 'What to bring' },
    Component: Probe,
  },
  {
    id: 'statements',
    needsSession: true,
    order: 1,
    title: { 'zh-CN': '打印证明', en: 'Print' },
    hint: { 'zh-CN': '参保证明', en: 'Certificate' },
    unavailable: (terminal) =>
      terminal?.devices.some((d) => d.device === 'a4Printer' && d.state === 'failed') ? 'A4 打印机缺纸' : null,
    Component: Probe,
  },
];

async function start(fake = createFakeKiosk()) {
  const speech = recordingSpeech();
  render(<App kiosk={fake.kiosk} speech={speech.speech} services={services} />);
  await advance();
  return { fake, speech };
}

describe('service tiles and screens', () => {
  it('shows card-free and card services on the start screen, and opens a card-free one without a card', async () => {
    await start();
    expect(screen.getByTestId('service-guides').textContent).toContain('办事指南');
    expect(screen.getByTestId('service-statements').textContent).toContain('参保证明');
    fireEvent.click(screen.getByTestId('service-guides'));
    await advance();
    expect(screen.getByTestId('screen-service-guides').textContent).toContain('无卡');
    fireEvent.click(screen.getByText('say'));
    await advance();
    fireEvent.click(screen.getByTestId('service-back'));
    await advance();
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });

  it('speaks what the service asks to be said', async () => {
    const { speech } = await start();
    fireEvent.click(screen.getByTestId('service-guides'));
    await advance();
    fireEvent.click(screen.getByText('say'));
    await advance();
    expect(speech.spoken.at(-1)?.text).toBe('请选择指南');
  });

  it('asks for a card for a card service, then opens it for that person', async () => {
    const { fake } = await start();
    fireEvent.click(screen.getByTestId('service-statements'));
    await advance();
    expect(screen.getByTestId('attract-awaiting').textContent).toContain('打印证明');
    await fake.emit('sessionChanged', { session: sessionView(), endReason: null });
    await advance();
    expect(screen.getByTestId('probe-who').textContent).toBe(sessionView().person.name);
    fireEvent.click(screen.getByText('done'));
    await advance();
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('keeps card-free tiles on the start screen when the network is down, and hides card ones', async () => {
    const fake = createFakeKiosk();
    await start(fake);
    await fake.emit('statusChanged', { ...(await fake.kiosk.getStatus({})), serverReachable: false });
    expect(screen.getByTestId('service-guides')).toBeTruthy();
    expect(screen.queryByTestId('service-statements')).toBeNull();
  });

  it('disables a tile whose device is down, with the reason on it', async () => {
    const fake = createFakeKiosk();
    await start(fake);
    await fake.emit('statusChanged', {
      ...(await fake.kiosk.getStatus({})),
      devices: [{ device: 'a4Printer', state: 'failed', reason: 'paperOut' }],
    });
    const tile = screen.getByTestId('service-statements') as HTMLButtonElement;
    expect(tile.disabled).toBe(true);
    expect(tile.textContent).toContain('A4 打印机缺纸');
  });

  it('goes back to the start by itself when a card-free service is left alone, after a warning', async () => {
    await start();
    fireEvent.click(screen.getByTestId('service-guides'));
    await advance();
    await act(async () => vi.advanceTimersByTime(ANONYMOUS_IDLE_MS - 10_000));
    expect(screen.getByTestId('timeout-modal').textContent).toContain('秒后返回首页');
    await act(async () => vi.advanceTimersByTime(11_000));
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });

  it('keeps a card-free service open while it says the person is busy (keepAlive), without a tap', async () => {
    await start();
    fireEvent.click(screen.getByTestId('service-guides'));
    await advance();
    for (let i = 0; i < 4; i++) {
      await act(async () => vi.advanceTimersByTime(ANONYMOUS_IDLE_MS - 20_000));
      fireEvent.doubleClick(screen.getByTestId('probe-busy'));
      await advance();
    }
    expect(screen.getByTestId('screen-service-guides')).toBeTruthy();
    expect(screen.queryByTestId('timeout-modal')).toBeNull();
  });

  it('keepAlive in a session restarts the host’s inactivity countdown', async () => {
    const { fake } = await start(createFakeKiosk({ session: sessionView() }));
    await advance();
    fireEvent.click(screen.getByTestId('service-statements'));
    await advance();
    fake.kiosk.touchSession.mockClear();
    await act(async () => vi.advanceTimersByTime(20_000));
    fireEvent.doubleClick(screen.getByTestId('probe-busy'));
    await advance();
    expect(fake.kiosk.touchSession).toHaveBeenCalledTimes(1);
  });

  it('the card leaving ends the service and its person', async () => {
    const { fake } = await start(createFakeKiosk({ session: sessionView() }));
    await advance();
    fireEvent.click(screen.getByTestId('service-statements'));
    await advance();
    expect(screen.getByTestId('probe-who').textContent).toBe(sessionView().person.name);
    await fake.emit('sessionChanged', { session: null, endReason: 'cardRemoved' });
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
    expect(document.body.textContent).not.toContain(sessionView().person.name);
  });
});
