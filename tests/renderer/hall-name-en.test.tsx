// English mode shows the hall's English name in the header when the hall server has one, and the
// Chinese name (not a blank) when it has none; back in Chinese the Chinese name returns.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { advance, createFakeKiosk, okStatus, recordingSpeech } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const header = () => screen.getByRole('banner').textContent ?? '';

describe("the hall's name in English mode", () => {
  it('shows the English name in English and the Chinese name in Chinese', async () => {
    const fake = createFakeKiosk({ status: { ...okStatus, hallNameEn: 'Chaoyang District HRSS Service Hall' } });
    render(<App kiosk={fake.kiosk} speech={recordingSpeech().speech} />);
    await advance();
    expect(header()).toContain('朝阳区人社服务大厅');
    expect(header()).not.toContain('Chaoyang');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(header()).toContain('Chaoyang District HRSS Service Hall');
    expect(header()).not.toContain('朝阳区人社服务大厅');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(header()).toContain('朝阳区人社服务大厅');
  });

  it('keeps the Chinese name in English when the hall has no English name', async () => {
    render(<App kiosk={createFakeKiosk().kiosk} speech={recordingSpeech().speech} />);
    await advance();
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(header()).toContain('朝阳区人社服务大厅');
  });
});
