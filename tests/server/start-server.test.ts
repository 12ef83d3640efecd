// The runnable server: startHallServer listens on loopback over a seeded database, registers
// terminals, logs nothing personal, and turns an unexpected failure into a bare 500 ErrorBody.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenSessionResponse } from '../../contracts/hall-api';
import { buildServer } from '../../server/app';
import { demoPeople } from '../../server/seed/demo-people';
import { type HallServer, startHallServer } from '../../server/start';
import { registerTerminal } from '../../server/terminals/register';
import { DEMO_HALL_ID } from '../../server/seed/hall';
import { TEST_SEED, backends } from './support/backends';

function logSink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe.each(backends)('startHallServer on $name', (backend) => {
  let server: HallServer;
  let closeDb: (() => Promise<void>) | undefined;
  const logs = logSink();
  beforeAll(async () => {
    const logger = { level: 'info', stream: logs.stream };
    if (backend.name === 'pglite') {
      server = await startHallServer({ port: 0, seedIfEmpty: true, seed: TEST_SEED, logger });
    } else {
      const database = await backend.open();
      closeDb = database.close;
      server = await startHallServer({ url: database.url, port: 0, seedIfEmpty: true, logger });
    }
  });
  afterAll(async () => {
    await server?.close();
    await closeDb?.();
  });

  it('listens on 127.0.0.1 and answers health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/health`);
    expect(await res.json()).toEqual({ ok: true, database: backend.name });
  });

  it('registers a terminal that can then open a session over HTTP, and logs nothing personal', async () => {
    const secret = await server.registerTerminal({ terminalId: 'KIOSK-DEMO-01' });
    const person = demoPeople[1]!;
    const headers = { authorization: `Bearer KIOSK-DEMO-01.${secret}`, 'content-type': 'application/json' };
    const res = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name }),
    });
    expect(res.status).toBe(201);
    const opened = OpenSessionResponse.parse(await res.json());
    expect(opened.person).toMatchObject({ name: person.name, isRetiree: true, maskedIdNumber: '4401**********0463' });
    const summary = await fetch(`${server.url}/api/v1/sessions/${opened.sessionId}/summary`, { headers });
    expect(summary.status).toBe(200);
    await fetch(`${server.url}/api/v1/sessions`, { method: 'POST', headers, body: `{"idNumber":"${person.idNumber}"` });
    const text = logs.text();
    expect(text).toContain('/api/v1/sessions');
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(secret);
  });
});

describe('unexpected failures', () => {
  it('answer 500 internal with nothing leaked, and log the failure without its message', async () => {
    const database = await backends[0]!.open();
    const secret = await registerTerminal(database.db, { terminalId: 'KIOSK-X', hallId: DEMO_HALL_ID });
    const logs = logSink();
    const app = buildServer({ ...database, logger: { level: 'error', stream: logs.stream } });
    await app.ready();
    await database.close();
    const person = demoPeople[0]!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { authorization: `Bearer KIOSK-X.${secret}` },
      payload: { identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'internal', message: 'internal error' });
    expect(logs.text()).toContain('unexpected error');
    expect(logs.text()).not.toContain(person.idNumber);
    expect(logs.text()).not.toContain(secret);
    await app.close();
  });
});
