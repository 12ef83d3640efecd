import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOTLINE, KioskError } from '../../contracts';
import { App } from '../../renderer/src/App';
import { RESYNC_MS } from '../../renderer/src/hooks/useKioskFlow';
import { CARD_PROBLEM_RETURN_MS } from '../../renderer/src/state/machine';
import {
  advance,
  closedStatus,
  createFakeKiosk,
  okStatus,
  otherPerson,
  readerFailedStatus,
  recordingSpeech,
  sessionView,
  summary,
} from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function start(fake: ReturnType<typeof createFakeKiosk>, speech = recordingSpeech().speech) {
  const view = render(<App kiosk={fake.kiosk} speech={speech} />);
  await advance();
  return view;
}

const text = () => document.body.textContent ?? '';

describe('attract', () => {
  it('asks for the ID card, with the hall name, clock, language and mute buttons', async () => {
    await start(createFakeKiosk());
    const attract = screen.getByTestId('screen-attract');
    expect(attract.textContent).toContain('请将身份证放在读卡区');
    expect(text()).toContain('朝阳区人社服务大厅');
    expect(text()).toContain('10:00'); // 02:00Z is 10:00 in the hall's time zone
    expect(screen.getByTestId('language-switch').tagName).toBe('BUTTON');
    expect(screen.getByTestId('mute-button').textContent).toContain('关闭语音');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('says plainly when the ID card reader has failed, and asks for the cards that still work', async () => {
    const fake = createFakeKiosk({ status: readerFailedStatus });
    await start(fake);
    expect(text()).toContain('身份证读卡器暂时无法使用，请插入社保卡，或扫描电子社保卡');
    expect(text()).not.toContain('请将身份证放在读卡区');
    expect(text()).toContain(HOTLINE);
    await fake.emit('statusChanged', okStatus);
    expect(text()).toContain('请将身份证放在读卡区');
  });

  it('a status event that beats the start-up answer does not stall start-up', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    let answer: (status: typeof okStatus) => void = () => undefined;
    fake.kiosk.getStatus.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(<App kiosk={fake.kiosk} speech={recordingSpeech().speech} />);
    await fake.emit('statusChanged', okStatus);
    await act(async () => answer(okStatus));
    await advance();
    expect(screen.getByTestId('person-name').textContent).toBe('王秀英');
  });

  it('retries start-up while the host cannot be reached, showing the hotline meanwhile', async () => {
    const fake = createFakeKiosk();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake.kiosk.getStatus.mockRejectedValueOnce(new KioskError('serverUnreachable'));
    await start(fake);
    expect(screen.getByTestId('screen-error').textContent).toContain(HOTLINE);
    await advance(5_000);
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });
});

describe('a session', () => {
  it('shows the name, the masked ID number and the summary with formatted money', async () => {
    const fake = createFakeKiosk();
    await start(fake);
    fake.state.session = sessionView();
    await fake.emit('sessionChanged', { session: sessionView(), endReason: null });

    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.getByTestId('person-name').textContent).toBe('王秀英');
    expect(screen.getByTestId('person-id').textContent).toBe('1101**********2326');
    expect(text()).not.toMatch(/\d{17}[\dX]/); // no full ID number anywhere

    const rows = screen.getByTestId('summary-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('企业职工基本养老保险');
    expect(rows[0]!.textContent).toContain('享受待遇');
    expect(rows[0]!.textContent).toContain('1985年07月');
    expect(rows[0]!.textContent).toContain('北京市朝阳区');
    expect(rows[0]!.textContent).toContain('北京第二机床厂');
    expect(rows[0]!.textContent).toContain('183 个月');
    expect(rows[2]!.textContent).toContain('暂停缴费');
    expect(rows[2]!.textContent).toContain('欠费 3 个月');

    expect(screen.getByTestId('contribution-years').textContent).toContain('15 年 3 个月');
    expect(screen.getByTestId('pension-account').textContent).toContain('87,654.32 元');
    expect(screen.getByTestId('medical-account').textContent).toContain('3,456.78 元');
    expect(screen.getByTestId('monthly-pension').textContent).toContain('4,123.50 元');
    expect(screen.getByTestId('countdown').textContent).toBe('剩余 120 秒');
  });

  it('a session already open at start-up is shown', async () => {
    await start(createFakeKiosk({ session: sessionView() }));
    expect(screen.getByTestId('person-name').textContent).toBe('王秀英');
  });

  it('on session end goes to attract at once and the person is nowhere in the DOM', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    expect(text()).toContain('王秀英');
    await fake.emit('sessionChanged', { session: null, endReason: 'cardRemoved' });
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
    expect(text()).not.toContain('王秀英');
    expect(text()).not.toContain('2326');
    expect(text()).not.toContain('87,654.32');
    expect(text()).not.toContain('北京第二机床厂');
    expect(document.body.innerHTML).not.toContain('王秀英');
    expect(screen.queryByTestId('exit-button')).toBeNull();
  });

  it('a summary still in flight when the session ends is never shown, not even to the next person', async () => {
    const fake = createFakeKiosk();
    fake.state.holdSummary = true;
    await start(fake);
    await fake.emit('sessionChanged', { session: sessionView(), endReason: null });
    await fake.emit('sessionChanged', { session: null, endReason: 'cardRemoved' });
    await fake.emit('sessionChanged', { session: otherPerson, endReason: null });
    fake.held[0]!.resolve(summary); // the first person's summary arrives late
    await advance();
    expect(screen.queryByTestId('screen-home')).toBeNull();
    expect(text()).not.toContain('北京第二机床厂');
    fake.held[1]!.resolve({ ...summary, enrollments: [] });
    await advance();
    expect(screen.getByTestId('person-name').textContent).toBe('李建国');
    expect(text()).not.toContain('北京第二机床厂');
  });

  it('"退出" ends the session and drops the person', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    fireEvent.click(screen.getByTestId('exit-button'));
    await advance();
    expect(fake.kiosk.endSession).toHaveBeenCalledWith({ reason: 'exit' });
    expect(screen.getByTestId('screen-attract').textContent).toContain('您已退出');
    expect(text()).not.toContain('王秀英');
  });

  it('a resync drops a session whose end event was missed', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    fake.state.session = null;
    await advance(RESYNC_MS);
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
    expect(text()).not.toContain('王秀英');
  });
});

describe('inactivity', () => {
  it('shows "您还在吗？" at 15 s left, and "继续办理" touches the session', async () => {
    const fake = createFakeKiosk({ session: sessionView({ expiresInMs: 20_000 }) });
    await start(fake);
    expect(screen.queryByTestId('timeout-modal')).toBeNull();
    expect(screen.getByTestId('countdown').textContent).toBe('剩余 20 秒');

    await advance(5_000);
    const modal = screen.getByTestId('timeout-modal');
    expect(modal.textContent).toContain('您还在吗？');
    expect(modal.textContent).toContain('15 秒后将自动退出');
    expect(document.activeElement).toBe(screen.getByTestId('continue-button'));

    await advance(3_000);
    expect(screen.getByTestId('timeout-modal').textContent).toContain('12 秒后将自动退出');

    fake.state.session = sessionView({ expiresInMs: 120_000 });
    fireEvent.click(screen.getByTestId('continue-button'));
    await advance();
    expect(fake.kiosk.touchSession).toHaveBeenCalledWith({});
    expect(screen.queryByTestId('timeout-modal')).toBeNull();
    expect(screen.getByTestId('countdown').textContent).toBe('剩余 120 秒');
  });

  it('the host decides the end: at 0 s the renderer waits for the event, then goes to attract', async () => {
    const fake = createFakeKiosk({ session: sessionView({ expiresInMs: 10_000 }) });
    await start(fake);
    fake.state.session = sessionView({ expiresInMs: 0 }); // what a resync now hears from the host
    await advance(11_000);
    expect(screen.getByTestId('timeout-modal').textContent).toContain('0 秒后将自动退出');
    await fake.emit('sessionChanged', { session: null, endReason: 'timeout' });
    expect(screen.queryByTestId('timeout-modal')).toBeNull();
    expect(screen.getByTestId('screen-attract').textContent).toContain('因长时间未操作');
  });

  it('any tap in a session touches it, at most once per 5 s', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    fireEvent.pointerDown(screen.getByTestId('summary-table'));
    fireEvent.pointerDown(screen.getByTestId('summary-table'));
    await advance(4_000);
    fireEvent.pointerDown(document.body);
    expect(fake.kiosk.touchSession).toHaveBeenCalledTimes(1);
    await advance(1_000);
    fireEvent.pointerDown(document.body);
    expect(fake.kiosk.touchSession).toHaveBeenCalledTimes(2);
  });

  it('taps outside a session touch nothing', async () => {
    const fake = createFakeKiosk();
    await start(fake);
    fireEvent.pointerDown(document.body);
    expect(fake.kiosk.touchSession).not.toHaveBeenCalled();
  });
});

describe('errors', () => {
  it('a failed summary shows a plain sentence, the hotline, and one button back to the start', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    fake.kiosk.getSummary.mockRejectedValue(new KioskError('serverUnreachable', 'hall server timed out'));
    await start(fake);
    const error = screen.getByTestId('screen-error');
    expect(error.textContent).toContain('系统暂时连接不上，请稍后再试，或到人工窗口办理。');
    expect(error.textContent).toContain(HOTLINE);
    expect(error.textContent).not.toContain('hall server timed out');
    expect(error.querySelectorAll('button')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '返回首页' }));
    await advance();
    expect(fake.kiosk.endSession).toHaveBeenCalledWith({ reason: 'exit' });
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });

  it('a card problem shows its sentence and returns to attract by itself after a visible countdown', async () => {
    const fake = createFakeKiosk();
    await start(fake);
    await fake.emit('cardProblem', { code: 'personNotFound' });
    const error = screen.getByTestId('screen-error');
    expect(error.textContent).toContain('未查到您的参保信息，请到人工窗口咨询。');
    expect(error.textContent).toContain(HOTLINE);
    expect(screen.getByTestId('auto-return').textContent).toBe(`${CARD_PROBLEM_RETURN_MS / 1000} 秒后自动返回首页`);
    await advance(5_000);
    expect(screen.getByTestId('auto-return').textContent).toBe(`${CARD_PROBLEM_RETURN_MS / 1000 - 5} 秒后自动返回首页`);
    await advance(CARD_PROBLEM_RETURN_MS);
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });

  it('out of service shows a clear closed sign and the hotline, then reopens', async () => {
    const fake = createFakeKiosk({ status: closedStatus });
    await start(fake);
    const closed = screen.getByTestId('screen-out-of-service');
    expect(closed.textContent).toContain('本机暂停服务');
    expect(closed.textContent).toContain(HOTLINE);
    await fake.emit('statusChanged', okStatus);
    expect(screen.getByTestId('screen-attract')).toBeTruthy();
  });
});

describe('language and voice', () => {
  it('the language switch changes every text and the lang attribute', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    fireEvent.click(screen.getByTestId('language-switch'));
    expect(document.documentElement.lang).toBe('en');
    expect(text()).toContain('Employee basic pension');
    expect(text()).toContain('Receiving benefits');
    expect(text()).toContain('87,654.32 yuan');
    expect(text()).toContain('15 years 3 months');
    expect(screen.getByTestId('exit-button').textContent).toBe('Sign out');
    expect(screen.getByTestId('language-switch').textContent).toBe('中文');
    fireEvent.click(screen.getByTestId('language-switch'));
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(text()).toContain('企业职工基本养老保险');
  });

  it('the next person starts in Chinese again', async () => {
    const fake = createFakeKiosk({ session: sessionView() });
    await start(fake);
    fireEvent.click(screen.getByTestId('language-switch'));
    await fake.emit('sessionChanged', { session: null, endReason: 'cardRemoved' });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(text()).toContain('请将身份证放在读卡区');
  });

  it('speaks the main prompt of each screen in the current language, and mute stops it', async () => {
    const rec = recordingSpeech();
    const fake = createFakeKiosk();
    await start(fake, rec.speech);
    expect(rec.spoken.at(-1)).toEqual({ text: '请将身份证放在读卡区', locale: 'zh-CN' });
    fake.state.session = sessionView();
    await fake.emit('sessionChanged', { session: sessionView(), endReason: null });
    expect(rec.spoken.at(-1)?.text).toContain('下面是您的参保信息');
    expect(rec.spoken.some((s) => s.text.includes('王秀英'))).toBe(false); // never says the name aloud
    fake.state.session = null;
    await fake.emit('sessionChanged', { session: null, endReason: 'cardRemoved' });
    await fake.emit('cardProblem', { code: 'cardInvalid' });
    expect(rec.spoken.at(-1)?.text).toBe('这张证件无法使用，请确认是本人有效的居民身份证。');
    fireEvent.click(screen.getByTestId('language-switch'));
    expect(rec.spoken.at(-1)).toEqual({
      text: 'This card cannot be used. Please use your own valid resident ID card.',
      locale: 'en',
    });
    const before = rec.spoken.length;
    const cancels = rec.cancels();
    fireEvent.click(screen.getByTestId('mute-button'));
    expect(rec.cancels()).toBeGreaterThan(cancels);
    expect(screen.getByTestId('mute-button').textContent).toBe('Voice on');
    expect(screen.getByTestId('mute-button').getAttribute('aria-pressed')).toBe('true');
    fake.state.session = sessionView();
    await fake.emit('sessionChanged', { session: sessionView(), endReason: null });
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(rec.spoken.length).toBe(before); // muted for the rest of this visit
  });
});

describe('events', () => {
  it('unsubscribes from host events on unmount', async () => {
    const fake = createFakeKiosk();
    const view = await start(fake);
    expect(fake.listenerCount('sessionChanged')).toBe(1);
    view.unmount();
    expect(fake.listenerCount('sessionChanged')).toBe(0);
  });
});
