// "快到您时发短信提醒？" after a ticket (jsdom): skipping is the big 完成 the person taps anyway; a
// number is typed on big keys, checked, sent once with the tap's request id, and afterwards shown
// and spoken only masked.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  LeaveTicketPhoneParams,
  PrintOutcome,
  QueueCategoriesView,
  QueueTicket,
  TakeTicketParams,
} from '../../contracts';
import { KioskError } from '../../contracts';
import { App } from '../../renderer/src/App';
import { queueService } from '../../renderer/src/services/queue';
import { advance, createFakeKiosk, recordingSpeech } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T02:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

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
  peopleAhead: 5,
  estimatedWaitMin: 25,
  hallName: '朝阳区人社服务大厅',
  hallAddress: '朝阳路 1 号',
  hallTimeZone: 'Asia/Shanghai',
  followUrl: 'http://hall.example/q/6f1c2a3b-0000-4000-8000-000000000017',
  forPerson: false,
};

async function ticketOnScreen(leave: (p: LeaveTicketPhoneParams) => Promise<unknown>) {
  const fake = createFakeKiosk();
  const queue = {
    listQueueCategories: vi.fn(async () => view),
    takeTicket: vi.fn(async (_: TakeTicketParams) => ({ ticket, print: { printed: true } as PrintOutcome })),
    reprintTicket: vi.fn(async () => ({ printed: true }) as PrintOutcome),
    leaveTicketPhone: vi.fn(leave),
  };
  Object.assign(fake.kiosk, queue);
  const speech = recordingSpeech();
  render(<App kiosk={fake.kiosk} speech={speech.speech} services={[queueService]} />);
  await advance();
  fireEvent.click(screen.getByTestId('service-queue'));
  await advance();
  fireEvent.click(screen.getByTestId('queue-category-A'));
  await advance();
  expect(screen.getByTestId('queue-printed')).toBeTruthy();
  return { queue, speech };
}

function type(digits: string) {
  for (const d of digits) fireEvent.click(screen.getByTestId(`queue-key-${d}`));
}

const ok = async (p: LeaveTicketPhoneParams) => ({
  ticketId: ticket.ticketId,
  maskedPhone: `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`,
});

describe('the SMS offer after a ticket', () => {
  it('asks under the ticket; 完成 leaves without a number and without a call', async () => {
    const { queue } = await ticketOnScreen(ok);
    expect(screen.getByTestId('queue-sms-offer').textContent).toContain('快到您时发短信提醒？');
    fireEvent.click(screen.getByTestId('queue-done'));
    await advance();
    expect(screen.queryByTestId('queue-printed')).toBeNull();
    expect(queue.leaveTicketPhone).not.toHaveBeenCalled();
  });

  it('不用了 on the keypad goes back to the ticket in one tap', async () => {
    const { queue } = await ticketOnScreen(ok);
    fireEvent.click(screen.getByTestId('queue-phone-offer'));
    type('138');
    fireEvent.click(screen.getByTestId('queue-phone-skip'));
    expect(screen.getByTestId('queue-number').textContent).toBe('A017');
    expect(screen.getByTestId('queue-sms-offer')).toBeTruthy();
    expect(queue.leaveTicketPhone).not.toHaveBeenCalled();
  });

  it('takes 11 digits in 3-4-4 groups, refuses a number that is not a mobile, then sends once and shows it masked', async () => {
    const { queue, speech } = await ticketOnScreen(ok);
    fireEvent.click(screen.getByTestId('queue-phone-offer'));
    const okKey = screen.getByTestId('queue-key-ok') as HTMLButtonElement;
    type('1201234567');
    expect(okKey.disabled).toBe(true);
    type('8');
    expect(screen.getByTestId('queue-phone-problem').textContent).toContain('不是一个手机号');
    expect(okKey.disabled).toBe(true);
    // An 11th digit does not go in: the number is full.
    expect((screen.getByTestId('queue-key-9') as HTMLButtonElement).disabled).toBe(true);
    for (let i = 0; i < 11; i++) fireEvent.click(screen.getByTestId('queue-key-backspace'));
    type('13812341234');
    expect(screen.getByTestId('queue-phone-typed').textContent).toBe('13812341234');
    expect([...screen.getByTestId('queue-phone-typed').children].map((c) => c.textContent)).toEqual([
      '138',
      '1234',
      '1234',
    ]);
    fireEvent.click(okKey);
    fireEvent.click(okKey);
    await advance();
    expect(queue.leaveTicketPhone).toHaveBeenCalledTimes(1);
    const sent = queue.leaveTicketPhone.mock.calls[0]![0];
    expect(sent).toEqual({ requestId: queue.takeTicket.mock.calls[0]![0].requestId, phone: '13812341234' });
    expect(queue.takeTicket).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('queue-phone-left').textContent).toContain('138****1234');
    expect(screen.queryByTestId('queue-sms-offer')).toBeNull();
    expect(document.body.textContent).not.toContain('13812341234');
    expect(speech.spoken.map((s) => s.text).join(' ')).not.toMatch(/1\s*3\s*8\s*1\s*2\s*3\s*4/);
    expect(speech.spoken.at(-1)?.text).toContain('短信提醒');
  });

  it('a failed save keeps the digits, says why with the hotline, and tries again', async () => {
    let fail = true;
    const { queue } = await ticketOnScreen(async (p) => {
      if (fail) throw new KioskError('serverUnreachable', 'down');
      return ok(p);
    });
    fireEvent.click(screen.getByTestId('queue-phone-offer'));
    type('13912345678');
    fireEvent.click(screen.getByTestId('queue-key-ok'));
    await advance();
    expect(screen.getByTestId('queue-phone-problem').textContent).toContain('手机号没有保存上');
    expect(document.body.textContent).toContain('12333');
    expect(screen.getByTestId('queue-phone-typed').textContent).toBe('13912345678');
    fail = false;
    fireEvent.click(screen.getByTestId('queue-key-ok'));
    await advance();
    expect(queue.leaveTicketPhone).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('queue-phone-left').textContent).toContain('139****5678');
  });
});
