// The ticket screen in the shell (jsdom): huge category buttons, one ticket for a double tap, the
// number on screen, and 重新打印 after a failed print.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintOutcome, QueueCategoriesView, QueueTicket, TakeTicketParams } from '../../contracts';
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
  categories: [
    { code: 'A', name: '社保业务', description: '参保登记', waiting: 3, estimatedWaitMin: 15 },
    { code: 'B', name: '医保业务', description: '医保报销', waiting: 0, estimatedWaitMin: 0 },
  ],
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

async function start(print: PrintOutcome) {
  const fake = createFakeKiosk();
  let answer: ((v: { ticket: QueueTicket; print: PrintOutcome }) => void) | null = null;
  const queue = {
    listQueueCategories: vi.fn(async () => view),
    takeTicket: vi.fn(
      (_: TakeTicketParams) => new Promise<{ ticket: QueueTicket; print: PrintOutcome }>((r) => (answer = r)),
    ),
    reprintTicket: vi.fn(async () => ({ printed: true }) as PrintOutcome),
  };
  Object.assign(fake.kiosk, queue);
  const speech = recordingSpeech();
  render(<App kiosk={fake.kiosk} speech={speech.speech} services={[queueService]} />);
  await advance();
  fireEvent.click(screen.getByTestId('service-queue'));
  await advance();
  return { queue, speech, answer: () => answer!({ ticket, print }) };
}

describe('the queue ticket screen', () => {
  it('shows each category with how many wait and how long', async () => {
    await start({ printed: true });
    expect(screen.getByTestId('queue-category-A').textContent).toContain('3 人在等');
    expect(screen.getByTestId('queue-category-A').textContent).toContain('约等 15 分钟');
    expect(screen.getByTestId('queue-category-B').textContent).toContain('现在没有人在等');
  });

  it('a double tap sends one request, and the number shows large with people ahead', async () => {
    const { queue, answer, speech } = await start({ printed: true });
    fireEvent.click(screen.getByTestId('queue-category-A'));
    fireEvent.click(screen.getByTestId('queue-category-A'));
    fireEvent.click(screen.getByTestId('queue-category-B'));
    await advance();
    expect(queue.takeTicket).toHaveBeenCalledTimes(1);
    expect(queue.takeTicket.mock.calls[0]![0]).toMatchObject({ categoryCode: 'A' });
    answer();
    await advance();
    expect(screen.getByTestId('queue-printed').textContent).toContain('请取走您的号票');
    expect(screen.getByTestId('queue-number').textContent).toBe('A017');
    expect(screen.getByTestId('queue-ahead').textContent).toBe('前面还有 3 人');
    expect(speech.spoken.at(-1)?.text).toContain('A 0 1 7');
  });

  it('a failed print keeps the number with 重新打印 and the hotline; reprint prints it', async () => {
    const { queue, answer } = await start({ printed: false, reason: 'paperOut' });
    fireEvent.click(screen.getByTestId('queue-category-A'));
    await advance();
    answer();
    await advance();
    const failed = screen.getByTestId('queue-print-failed');
    expect(failed.textContent).toContain('仍然有效');
    expect(failed.textContent).toContain('打印机没有纸了');
    expect(screen.getByTestId('hotline').textContent).toContain('12333');
    fireEvent.click(screen.getByTestId('queue-reprint'));
    await advance();
    expect(queue.reprintTicket).toHaveBeenCalledWith({ ticketId: ticket.ticketId });
    expect(screen.getByTestId('queue-printed')).toBeTruthy();
  });

  it('a failed issue is said plainly and retried with the same request id', async () => {
    const { queue } = await start({ printed: true });
    queue.takeTicket.mockImplementationOnce(() => Promise.reject(new KioskError('serverUnreachable')));
    fireEvent.click(screen.getByTestId('queue-category-A'));
    await advance();
    expect(screen.getByTestId('queue-error').textContent).toContain('系统暂时连接不上');
    expect(screen.getByTestId('hotline')).toBeTruthy();
    fireEvent.click(screen.getByTestId('queue-retry'));
    await advance();
    expect(queue.takeTicket).toHaveBeenCalledTimes(2);
    expect(queue.takeTicket.mock.calls[1]![0].requestId).toBe(queue.takeTicket.mock.calls[0]![0].requestId);
  });
});
