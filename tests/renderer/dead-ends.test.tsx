// Dead ends and wrong words (issue 19), as a person at the kiosk would meet them (jsdom): the card
// the session names, what still works with the ID card reader unplugged, one back, and a ticket
// that could not print.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  CaseProgress,
  CertificationStatus,
  KioskApi,
  PrintOutcome,
  QueueCategoriesView,
  QueueTicket,
  TerminalStatus,
} from '../../contracts';
import { App } from '../../renderer/src/App';
import { I18nContext, messages } from '../../renderer/src/i18n';
import { casesService } from '../../renderer/src/services/cases/CasesService';
import { certificationService } from '../../renderer/src/services/certification';
import type { ServiceProps } from '../../renderer/src/services/registry';
import { kioskServices } from '../../renderer/src/services';
import { queueService } from '../../renderer/src/services/queue';
import { advance, createFakeKiosk, okStatus, recordingSpeech, sessionView } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const text = () => document.body.textContent ?? '';
const lastSaid = (spoken: Array<{ text: string }>) => spoken.at(-1)?.text ?? '';

async function start(fake: ReturnType<typeof createFakeKiosk>, services = kioskServices) {
  const speech = recordingSpeech();
  render(<App kiosk={fake.kiosk} speech={speech.speech} services={services} />);
  await advance();
  return speech;
}

function withDevices(devices: TerminalStatus['devices']): TerminalStatus {
  return { ...okStatus, devices };
}

describe('the card a session names', () => {
  it('a social security card session says 请取走社保卡 on screen and aloud, never 身份证', async () => {
    const fake = createFakeKiosk({ session: sessionView({ identifiedBy: 'ssCard' }) });
    const { spoken } = await start(fake);
    expect(screen.getByTestId('home-done').textContent).toBe('办理完毕请点击“退出”，并取走社保卡');
    expect(lastSaid(spoken)).toContain('并取走社保卡');
    expect(lastSaid(spoken)).not.toContain('身份证');
  });

  it('an ID card session still says 身份证, and English names the card too', async () => {
    const fake = createFakeKiosk({ session: sessionView({ identifiedBy: 'idCard' }) });
    const { spoken } = await start(fake);
    expect(screen.getByTestId('home-done').textContent).toContain('取走身份证');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('home-done').textContent).toBe(
      'When you are done, press "Sign out" and take your ID card',
    );
    expect(lastSaid(spoken)).toContain('take your ID card');
  });

  it('in English a social security card session asks for the social security card', async () => {
    const fake = createFakeKiosk({ session: sessionView({ identifiedBy: 'ssCard' }) });
    const { spoken } = await start(fake);
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('home-done').textContent).toContain('take your social security card');
    expect(lastSaid(spoken)).toContain('take your social security card');
  });
});

describe('the ID card reader unplugged', () => {
  const idDown = withDevices([
    { device: 'idCardReader', state: 'failed', reason: 'disconnected' },
    { device: 'ssCardReader', state: 'ok' },
    { device: 'qrScanner', state: 'ok' },
  ]);

  it('still offers the card services and asks for the social security card or the e-card, aloud too', async () => {
    const { spoken } = await start(createFakeKiosk({ status: idDown }));
    const heading = screen.getByTestId('attract-heading').textContent;
    expect(heading).toBe('身份证读卡器暂时无法使用，请插入社保卡，或扫描电子社保卡');
    expect(screen.getByTestId('attract-still-works').textContent).toContain('社保卡、电子社保卡可以正常使用');
    expect(lastSaid(spoken)).toBe(heading);
    // The card services are there and usable: tapping one asks for a card.
    const inquiry = screen.getByTestId('service-inquiry') as HTMLButtonElement;
    expect(inquiry.disabled).toBe(false);
    fireEvent.click(inquiry);
    await advance();
    expect(screen.getByTestId('attract-awaiting').textContent).toContain('参保查询');
    expect(text()).not.toContain('请到人工窗口办理');
  });

  it('with only the scanner left it asks for the e-card alone, in English too', async () => {
    const fake = createFakeKiosk({
      status: withDevices([
        { device: 'idCardReader', state: 'failed', reason: 'disconnected' },
        { device: 'ssCardReader', state: 'failed', reason: 'disconnected' },
        { device: 'qrScanner', state: 'ok' },
      ]),
    });
    await start(fake);
    expect(screen.getByTestId('attract-heading').textContent).toBe('身份证读卡器暂时无法使用，请扫描电子社保卡二维码');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('attract-still-works').textContent).toBe(
      'The electronic social security card still works, so every service below can be used.',
    );
  });

  it('only when no reader works at all does it send people to a window, with 12333', async () => {
    await start(
      createFakeKiosk({
        status: withDevices([
          { device: 'idCardReader', state: 'failed', reason: 'disconnected' },
          { device: 'ssCardReader', state: 'failed', reason: 'disconnected' },
          { device: 'qrScanner', state: 'failed', reason: 'disconnected' },
        ]),
      }),
    );
    expect(text()).toContain('读卡设备暂时无法使用，请到人工窗口办理');
    expect(text()).toContain('12333');
    expect(screen.queryByTestId('service-inquiry')).toBeNull();
  });
});

describe('one back, one meaning', () => {
  it('a service screen has 回到首页 (Home) and a step back says only 返回 (Back)', async () => {
    const fake = createFakeKiosk({ session: sessionView({ identifiedBy: 'ssCard' }) });
    Object.assign(fake.kiosk, {
      getInquiry: vi.fn(async () => {
        throw new Error('not used');
      }),
    });
    await start(fake);
    fireEvent.click(screen.getByTestId('service-inquiry'));
    await advance();
    expect(screen.getByTestId('service-back').textContent).toBe('回到首页');
    expect(text()).not.toContain('返回上一步');
    expect(text()).not.toContain('不查了');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('service-back').textContent).toBe('Home');
  });
});

describe('a ticket with the receipt printer out of paper', () => {
  const view: QueueCategoriesView = {
    hallName: '朝阳区人社服务大厅',
    categories: [{ code: 'A', name: '社保业务', description: '参保登记', waiting: 3, estimatedWaitMin: 15 }],
  };
  const ticket: QueueTicket = {
    ticketId: '6f1c2a3b-0000-4000-8000-000000000017',
    number: 'A017',
    categoryCode: 'A',
    categoryName: '社保业务',
    serviceDay: '2025-03-01',
    issuedAt: '2025-03-01T02:00:00Z',
    peopleAhead: 3,
    estimatedWaitMin: 15,
    hallName: '朝阳区人社服务大厅',
    hallAddress: '朝阳路 1 号',
    hallTimeZone: 'Asia/Shanghai',
    followUrl: 'http://hall.example/q/6f1c2a3b-0000-4000-8000-000000000017',
    forPerson: false,
  };
  const paperOut = withDevices([
    { device: 'idCardReader', state: 'ok' },
    { device: 'receiptPrinter', state: 'failed', reason: 'paperOut' },
  ]);

  it('the 排队取号 tile says so, the banner names the receipt printer, and the number shows with a QR code', async () => {
    const fake = createFakeKiosk({ status: paperOut });
    Object.assign(fake.kiosk, {
      listQueueCategories: vi.fn(async () => view),
      takeTicket: vi.fn(async () => ({ ticket, print: { printed: false, reason: 'paperOut' } as PrintOutcome })),
      reprintTicket: vi.fn(async () => ({ printed: false, reason: 'paperOut' }) as PrintOutcome),
    });
    const { spoken } = await start(fake, [queueService]);
    expect(screen.getByTestId('service-queue-notice').textContent).toBe('缺纸：号码显示在屏幕上');
    expect((screen.getByTestId('service-queue') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('device-notices').textContent).toContain('小票打印机缺纸');
    fireEvent.click(screen.getByTestId('service-queue'));
    await advance();
    expect(screen.getByTestId('queue-no-paper').textContent).toContain('号码显示在屏幕上');
    fireEvent.click(screen.getByTestId('queue-category-A'));
    await advance();
    expect(screen.getByTestId('queue-number').textContent).toBe('A017');
    const qr = screen.getByTestId('queue-follow-qr');
    expect(qr.getAttribute('data-qr-text')).toBe(ticket.followUrl);
    expect(qr.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(500);
    expect(screen.getByTestId('queue-follow').textContent).toContain('用手机扫这个二维码');
    expect(lastSaid(spoken)).toContain('二维码');
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('queue-follow').textContent).toContain('Scan this QR code with your phone');
  });
});

describe('a refused case (不予受理)', () => {
  const refused: CaseProgress = {
    caseNo: 'SB0012024031500001231',
    itemCode: 'SB001',
    item: '城镇职工基本养老保险关系转移接续',
    status: 'rejected',
    acceptedAt: '2024-03-15T01:20:00.000Z',
    dueDate: '2024-04-29',
    completedAt: '2024-03-28T06:00:00.000Z',
    overdue: false,
    finishedLate: false,
    daysOverdue: 0,
    steps: [
      { name: '受理', at: '2024-03-15T01:20:00.000Z', by: '周敏' },
      { name: '审核', at: '2024-03-20T03:05:00.000Z', by: '黄磊' },
      {
        name: '办结',
        at: '2024-03-28T06:00:00.000Z',
        by: '后台审核组',
        note: '材料不齐全，已电话告知申请人补正后重新申请',
      },
    ],
    maskedName: '王*国',
    timeZone: 'Asia/Shanghai',
  };

  async function open(locale: 'zh-CN' | 'en') {
    const say = vi.fn();
    const kiosk = {
      on: vi.fn(() => () => undefined),
      takeScannedCase: vi.fn(async () => ({ caseNo: null })),
      lookupCase: vi.fn(async () => refused),
    } as unknown as KioskApi;
    const props: ServiceProps = {
      kiosk,
      session: null,
      summary: null,
      terminal: null,
      now: Date.parse('2024-04-01T02:00:00Z'),
      close: vi.fn(),
      say,
      keepAlive: vi.fn(),
    };
    render(
      <I18nContext.Provider value={{ locale, t: messages[locale] }}>
        <casesService.Component {...props} />
      </I18nContext.Provider>,
    );
    await advance();
    fireEvent.click(screen.getByTestId('cases-type'));
    await advance();
    fireEvent.click(screen.getByTestId('cases-key-SB'));
    for (const d of refused.caseNo.slice(2)) fireEvent.click(screen.getByTestId(`cases-key-${d}`));
    fireEvent.click(screen.getByTestId('cases-key-submit'));
    await advance();
    return say;
  }

  it('shows the reason and the next step, large, and says them aloud', async () => {
    const say = await open('zh-CN');
    expect(screen.getByTestId('case-refused').textContent).toContain('不予受理的原因');
    expect(screen.getByTestId('case-refused-reason').textContent).toBe('材料不齐全，已电话告知申请人补正后重新申请');
    expect(screen.getByTestId('case-refused-next').textContent).toContain('重新申请');
    expect(screen.getByTestId('case-refused-next').textContent).toContain('12333');
    expect(say).toHaveBeenLastCalledWith(expect.stringContaining('原因是：材料不齐全'));
  });

  it('in English, with the note marked as written in Chinese', async () => {
    const say = await open('en');
    const box = screen.getByTestId('case-refused').textContent!;
    expect(box).toContain('Why it was not accepted');
    expect(box).toContain('shown in Chinese');
    expect(screen.getByTestId('case-refused-next').textContent).toContain('apply again');
    expect(say).toHaveBeenLastCalledWith(expect.stringContaining('was not accepted'));
  });
});

describe('the last failed certification screen', () => {
  const usedUp: CertificationStatus = {
    standing: 'overdue',
    dueDate: '2025-02-01',
    lastCertifiedAt: '2024-02-01T02:00:00.000Z',
    faceEnrolled: true,
    attemptsLeft: 0,
  };

  async function open(locale: 'zh-CN' | 'en') {
    const say = vi.fn();
    const kiosk = {
      on: vi.fn(() => () => undefined),
      getCertificationStatus: vi.fn(async () => usedUp),
      listQueueCategories: vi.fn(async (): Promise<QueueCategoriesView> => ({
        hallName: '朝阳区人社服务大厅',
        categories: [
          { code: 'A', name: '社保业务', description: '养老待遇资格认证', waiting: 2, estimatedWaitMin: 10 },
        ],
      })),
    } as unknown as KioskApi;
    const props: ServiceProps = {
      kiosk,
      session: sessionView(),
      summary: null,
      terminal: okStatus,
      now: Date.parse('2025-03-01T02:00:00Z'),
      close: vi.fn(),
      say,
      keepAlive: vi.fn(),
    };
    render(
      <I18nContext.Provider value={{ locale, t: messages[locale] }}>
        <certificationService.Component {...props} />
      </I18nContext.Provider>,
    );
    await advance();
    return { say, kiosk };
  }

  it('says one thing (attempts used up), offers a window ticket now, a home visit and 12333, aloud too', async () => {
    const { say, kiosk } = await open('zh-CN');
    const screenText = screen.getByTestId('cert-no-attempts').textContent!;
    expect(screen.getByTestId('cert-way-out-message').textContent).toBe(
      '今天的刷脸认证次数已经用完。请到人工窗口办理认证。',
    );
    expect(screenText).not.toContain('摘下帽子');
    expect(screenText).not.toContain('再试一次');
    expect(screen.getByTestId('cert-way-out-home-visit').textContent).toContain('申请上门认证');
    expect(screen.getByTestId('cert-way-out-home-visit').textContent).toContain('12333');
    expect(screenText).toContain('12333');
    expect(say).toHaveBeenLastCalledWith(expect.stringContaining('现在取号'));
    // The ticket is taken right here: the queue's own screen opens inside the certification.
    fireEvent.click(screen.getByTestId('cert-take-ticket'));
    await advance();
    expect(kiosk.listQueueCategories).toHaveBeenCalled();
    expect(screen.getByTestId('queue-category-A').textContent).toContain('社保业务');
  });

  it('the same in English', async () => {
    const { say } = await open('en');
    expect(screen.getByTestId('cert-way-out-message').textContent).toContain('No face checks are left for today');
    expect(screen.getByTestId('cert-take-ticket').textContent).toBe('Take a number now');
    expect(screen.getByTestId('cert-way-out-home-visit').textContent).toContain('home visit');
    expect(say).toHaveBeenLastCalledWith(expect.stringContaining('Take a number now'));
  });
});

describe('a card left in the reader after 退出', () => {
  it('reminds the person to take it, aloud too, and a tap uses it', async () => {
    const fake = createFakeKiosk({ session: sessionView({ identifiedBy: 'ssCard' }) });
    const resumeWithCardLeft = vi.fn(async () => null);
    Object.assign(fake.kiosk, { getCardLeft: vi.fn(async () => ({ card: null })), resumeWithCardLeft });
    const { spoken } = await start(fake);
    fireEvent.click(screen.getByTestId('exit-button'));
    await advance();
    await fake.emit('cardLeft', { card: 'ssCard' });
    expect(screen.getByTestId('card-left').textContent).toContain('请取走您的社保卡');
    expect(lastSaid(spoken)).toBe('请取走您的社保卡。如果还要办理，请点击屏幕上的继续按钮。');
    fireEvent.click(screen.getByTestId('card-left-use'));
    await advance();
    expect(resumeWithCardLeft).toHaveBeenCalledTimes(1);
    // Tapping a card service with the card still there uses it too, instead of asking for a card.
    fireEvent.click(screen.getByTestId('service-inquiry'));
    await advance();
    expect(resumeWithCardLeft).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('attract-awaiting')).toBeTruthy();
    // Taken: the reminder goes.
    await fake.emit('cardLeft', { card: null });
    expect(screen.queryByTestId('card-left')).toBeNull();
  });

  it('in English it names the ID card', async () => {
    const fake = createFakeKiosk();
    Object.assign(fake.kiosk, {
      getCardLeft: vi.fn(async () => ({ card: 'idCard' })),
      resumeWithCardLeft: vi.fn(async () => null),
    });
    const { spoken } = await start(fake);
    fireEvent.click(screen.getByTestId('language-switch'));
    await advance();
    expect(screen.getByTestId('card-left').textContent).toContain('Please take your ID card');
    expect(screen.getByTestId('card-left-use').textContent).toBe('Not done yet? Tap here to use this ID card again');
    expect(lastSaid(spoken)).toContain('Please take your ID card');
  });
});
