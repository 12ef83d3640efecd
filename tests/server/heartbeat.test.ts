// Heartbeats: what a terminal says of itself is stored on its row; the answer carries the
// server's in-service decision; bad heartbeats are 4xx and change nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeartbeatResponse, type HeartbeatRequest } from '../../contracts/hall-api';
import { terminals } from '../../server/db/schema';
import { backends } from './support/backends';
import { TERMINAL_A, TERMINAL_B, type TestHall, openTestHall } from './support/hall';

const beat: HeartbeatRequest = {
  appVersion: '0.1.0',
  uptimeS: 42,
  inService: true,
  devices: [
    { device: 'idCardReader', state: 'ok' },
    { device: 'receiptPrinter', state: 'failed', reason: 'paperOut' },
  ],
  lastError: 'receiptPrinter:paperOut',
};

describe.each(backends)('heartbeat on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const row = async (id: string) => (await hall.database.db.select().from(terminals).where(eq(terminals.id, id)))[0]!;

  it('stores the device health on the terminal and answers in service', async () => {
    const res = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/terminal/heartbeat', payload: beat });
    expect(res.statusCode).toBe(200);
    expect(HeartbeatResponse.parse(res.json()).inService).toBe(true);
    const a = await row(TERMINAL_A);
    expect(a.heartbeat).toEqual(beat);
    expect(a.lastHeartbeatAt).toBeInstanceOf(Date);
    expect((await row(TERMINAL_B)).heartbeat).toBeNull();
  });

  it('answers out of service when staff closed the terminal, whatever the terminal thinks', async () => {
    await hall.database.db.update(terminals).set({ inService: false }).where(eq(terminals.id, TERMINAL_B));
    const res = await hall.inject({ as: 'b', method: 'POST', url: '/api/v1/terminal/heartbeat', payload: beat });
    expect(res.json()).toMatchObject({ inService: false });
  });

  it.each([
    ['no credential', undefined, beat],
    ['a wrong body', 'a', { ...beat, devices: [{ device: 'toaster', state: 'ok' }] }],
    ['extra fields', 'a', { ...beat, idNumber: '110101196803150016' }],
    ['a huge version', 'a', { ...beat, appVersion: 'x'.repeat(10_000) }],
    ['not JSON', 'a', 'hello'],
  ] as const)('refuses %s with a 4xx and keeps the last good heartbeat', async (_label, as, payload) => {
    const res = await hall.inject({
      as: as as 'a' | undefined,
      method: 'POST',
      url: '/api/v1/terminal/heartbeat',
      payload: payload as object,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect((await row(TERMINAL_A)).heartbeat).toEqual(beat);
  });
});
