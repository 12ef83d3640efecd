// The closed sign names where to go: the terminals of the hall serving now (by location) and the
// staffed-window hours, in Chinese and English; without them, the general sentence as before.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOTLINE, type TerminalStatus } from '../../contracts';
import { App } from '../../renderer/src/App';
import { advance, closedStatus, createFakeKiosk, recordingSpeech } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const HOURS = '周一至周五 9:00-12:00，13:30-17:30';

function closedWith(locations: string[], hours: string | null = HOURS): TerminalStatus {
  return {
    ...closedStatus,
    alternatives: {
      terminals: locations.map((location, i) => ({ terminalId: `T-${i + 1}`, location })),
      staffedWindowHours: hours,
    },
  };
}

async function show(status: TerminalStatus) {
  const fake = createFakeKiosk({ status });
  render(<App kiosk={fake.kiosk} speech={recordingSpeech().speech} />);
  await advance();
  return fake;
}

const sign = () => screen.getByTestId('screen-out-of-service').textContent ?? '';

describe('the closed sign', () => {
  it('names the one terminal serving now, the window hours and the hotline', async () => {
    await show(closedWith(['大厅东侧 2 号机']));
    expect(sign()).toContain('本机暂停服务');
    expect(screen.getByTestId('closed-sign-alternatives').textContent).toBe('请到 大厅东侧 2 号机 办理。');
    expect(sign()).toContain('也可以到人工窗口办理。');
    expect(screen.getByTestId('closed-sign-window-hours').textContent).toBe(`人工窗口办理时间：${HOURS}`);
    expect(sign()).toContain(HOTLINE);
    // The general sentence is replaced by the concrete one; no terminal id is shown to people.
    expect(sign()).not.toContain('请使用其他自助服务终端');
    expect(sign()).not.toContain('T-1');
  });

  it('lists several terminals, each on its own line, in English too', async () => {
    await show(closedWith(['大厅东侧 2 号机', '二楼社保窗口旁', '三楼电梯口']));
    const items = () =>
      [...screen.getByTestId('closed-sign-alternatives').querySelectorAll('li')].map((li) => li.textContent);
    expect(sign()).toContain('请到以下自助服务终端办理：');
    expect(items()).toEqual(['大厅东侧 2 号机', '二楼社保窗口旁', '三楼电梯口']);
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(sign()).toContain('Out of service');
    expect(sign()).toContain('Please use one of these kiosks:');
    expect(items()).toEqual(['大厅东侧 2 号机', '二楼社保窗口旁', '三楼电梯口']);
    expect(sign()).toContain('Or go to a staffed window.');
    expect(screen.getByTestId('closed-sign-window-hours').textContent).toBe(`Staffed windows are open: ${HOURS}`);
  });

  it('one terminal in English reads as a sentence', async () => {
    await show(closedWith(['大厅东侧 2 号机'], null));
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('closed-sign-alternatives').textContent).toBe('Please use the kiosk at 大厅东侧 2 号机.');
    expect(screen.queryByTestId('closed-sign-window-hours')).toBeNull();
  });

  it('with none serving, says the general sentence as before (and the hours when known)', async () => {
    await show(closedWith([]));
    expect(sign()).toContain('请使用其他自助服务终端，或到人工窗口办理。');
    expect(screen.queryByTestId('closed-sign-alternatives')).toBeNull();
    expect(sign()).toContain(`人工窗口办理时间：${HOURS}`);
  });

  it('follows the status: a terminal that starts serving is named at once', async () => {
    const fake = await show(closedStatus);
    expect(sign()).toContain('请使用其他自助服务终端，或到人工窗口办理。');
    await fake.emit('statusChanged', closedWith(['二楼社保窗口旁']));
    expect(screen.getByTestId('closed-sign-alternatives').textContent).toBe('请到 二楼社保窗口旁 办理。');
  });
});
