import { describe, expect, it } from 'vitest';
import type { QueueCategoriesView, QueueTicket } from '../../contracts';
import {
  initialQueueState,
  newRequestId,
  queueReducer,
  type QueueAction,
  type QueueState,
} from '../../renderer/src/services/queue/machine';

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
  serviceDay: '2026-11-23',
  issuedAt: '2026-11-23T01:15:00Z',
  peopleAhead: 3,
  estimatedWaitMin: 15,
  hallName: '朝阳区人社服务大厅',
  hallAddress: '朝阳路 1 号',
  hallTimeZone: 'Asia/Shanghai',
  followUrl: 'http://hall.example/q/6f1c2a3b-0000-4000-8000-000000000017',
  forPerson: false,
};

const run = (...actions: QueueAction[]): QueueState => actions.reduce(queueReducer, initialQueueState);
const loaded: QueueAction = { type: 'categoriesLoaded', view };
const tapA: QueueAction = { type: 'tapped', code: 'A', requestId: 'req-00000001' };

describe('queue ticket steps', () => {
  it('loads the categories, then a tap issues a ticket for that category', () => {
    const s = run(loaded, tapA);
    expect(s.step).toMatchObject({ name: 'issuing', requestId: 'req-00000001', category: { code: 'A' } });
  });

  it('ignores a second tap while the first is answered (one ticket per visit to the list)', () => {
    const s = run(loaded, tapA, { type: 'tapped', code: 'B', requestId: 'req-00000002' });
    expect(s.step).toMatchObject({ name: 'issuing', requestId: 'req-00000001', category: { code: 'A' } });
  });

  it('shows the ticket when printed, and drops an answer to another request', () => {
    const stale = run(loaded, tapA, { type: 'issued', requestId: 'other-123', ticket, print: { printed: true } });
    expect(stale.step.name).toBe('issuing');
    const s = run(loaded, tapA, { type: 'issued', requestId: 'req-00000001', ticket, print: { printed: true } });
    expect(s.step).toEqual({ name: 'printed', ticket });
  });

  it('a failed issue is retried with the same request id, so the server cannot make two tickets', () => {
    const failed = run(loaded, tapA, { type: 'issueFailed', requestId: 'req-00000001', code: 'serverUnreachable' });
    expect(failed.step).toMatchObject({ name: 'issueFailed', code: 'serverUnreachable' });
    const retried = queueReducer(failed, { type: 'retry' });
    expect(retried.step).toMatchObject({ name: 'issuing', requestId: 'req-00000001' });
    expect(queueReducer(failed, { type: 'backToCategories' }).step).toEqual({ name: 'choosing' });
  });

  it('paper out: the number stays on screen, reprint prints it, a second failure keeps it', () => {
    const failed = run(loaded, tapA, {
      type: 'issued',
      requestId: 'req-00000001',
      ticket,
      print: { printed: false, reason: 'paperOut' },
    });
    expect(failed.step).toEqual({ name: 'printFailed', ticket, reason: 'paperOut' });
    const reprinting = queueReducer(failed, { type: 'reprint' });
    expect(reprinting.step).toEqual({ name: 'reprinting', ticket });
    expect(queueReducer(reprinting, { type: 'reprint' })).toBe(reprinting);
    expect(queueReducer(reprinting, { type: 'reprinted', print: { printed: true } }).step).toEqual({
      name: 'printed',
      ticket,
    });
    expect(queueReducer(reprinting, { type: 'reprintFailed', code: 'deviceFailed' }).step).toMatchObject({
      name: 'printFailed',
      ticket,
    });
  });

  it('a category list that did not load can be loaded again', () => {
    const failed = run({ type: 'categoriesFailed', code: 'serverUnreachable' });
    expect(failed.step).toEqual({ name: 'loadFailed', code: 'serverUnreachable' });
    expect(queueReducer(failed, { type: 'reload' }).step).toEqual({ name: 'loading' });
  });

  it('makes request ids the hall server accepts as idempotency keys, a new one each time', () => {
    const a = newRequestId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newRequestId()).not.toBe(a);
  });
});
