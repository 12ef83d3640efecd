// Bad input of every kind is a 4xx ErrorBody, never a 5xx; unknown routes are 404 ErrorBody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../contracts/errors';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

const person = demoPeople[0]!;
const valid = { identifiedBy: 'idCard', idNumber: person.idNumber, name: person.name };
const badCheckDigit = person.idNumber.slice(0, 17) + (person.idNumber[17] === '1' ? '2' : '1');

const bodies: [string, unknown][] = [
  ['an empty object', {}],
  ['a missing name', { identifiedBy: 'idCard', idNumber: person.idNumber }],
  ['a missing idNumber', { identifiedBy: 'idCard', name: person.name }],
  ['a number for idNumber', { ...valid, idNumber: 440106197805160 }],
  ['null for name', { ...valid, name: null }],
  ['an array body', [valid]],
  ['a string body', 'hello'],
  ['a number body', 42],
  ['an ID number with a wrong check digit', { ...valid, idNumber: badCheckDigit }],
  ['an ID number with an impossible birth date', { ...valid, idNumber: '440106197802300351' }],
  ['a 17-character ID number', { ...valid, idNumber: person.idNumber.slice(0, 17) }],
  ['a lowercase x check digit', { ...valid, idNumber: person.idNumber.slice(0, 17) + 'x' }],
  ['an unknown identifiedBy', { ...valid, identifiedBy: 'faceScan' }],
  ['an extra field', { ...valid, admin: true }],
  ['a huge name', { ...valid, name: '王'.repeat(5_000) }],
  ['an empty name', { ...valid, name: '' }],
  ['a prototype-polluting key', JSON.parse('{"__proto__": {"admin": true}, "identifiedBy": "idCard"}')],
];

function expectClientError(res: { statusCode: number; json(): unknown; body: string }, status?: number): void {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (status) expect(res.statusCode).toBe(status);
  const body = ErrorBody.parse(res.json());
  expect(body.message).not.toContain(person.idNumber);
  expect(body.message).not.toContain(person.name);
}

describe.each(backends)('bad input on $name', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it.each(bodies)('open session with %s → 400 (415 for a bare string) invalidRequest', async (_what, payload) => {
    const res = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/sessions', payload: payload as object });
    expectClientError(res, typeof payload === 'string' ? 415 : 400);
    expect(res.json()).toMatchObject({ code: 'invalidRequest' });
  });

  it('a body that is not JSON → 400 with a fixed message that does not quote the body', async () => {
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: `{"idNumber":"${person.idNumber}",`,
    });
    expectClientError(res, 400);
    expect(res.json()).toEqual({ code: 'invalidRequest', message: 'the body is not valid JSON' });
  });

  it('an empty JSON body, a form body and an XML body → 4xx', async () => {
    expectClientError(
      await hall.inject({
        as: 'a',
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      400,
    );
    expectClientError(
      await hall.inject({
        as: 'a',
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=1',
      }),
      415,
    );
    expectClientError(
      await hall.inject({
        as: 'a',
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/xml' },
        payload: '<a/>',
      }),
      415,
    );
    expectClientError(await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/sessions' }), 400);
  });

  it('a body over the size limit → 413', async () => {
    const res = await hall.inject({
      as: 'a',
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { ...valid, name: 'x'.repeat(100_000) },
    });
    expectClientError(res, 413);
  });

  it.each([
    'not-a-uuid',
    '123',
    "1' or '1'='1",
    '6f1c1a52-3c5e-4d0a-9a57-1f6e1c1e2d3',
    'x'.repeat(150),
    '%E4%BD%A0%E5%A5%BD',
  ])('a malformed session id %s → 400', async (id) => {
    expectClientError(await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${id}/summary` }), 400);
    expectClientError(await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${id}` }), 400);
  });

  it('a very long session id and a broken URL encoding → 4xx, not 5xx', async () => {
    expectClientError(
      await hall.inject({ as: 'a', method: 'GET', url: `/api/v1/sessions/${'a'.repeat(5_000)}/summary` }),
    );
    expectClientError(await hall.inject({ as: 'a', method: 'GET', url: '/api/v1/sessions/%E4%BD/summary' }));
  });

  it.each([
    ['GET', '/'],
    ['GET', '/api/v1/nothing'],
    ['PUT', '/api/v1/sessions'],
    ['POST', '/health'],
    ['GET', '/api/v1/sessions'],
  ] as const)('%s %s → 404 notFound ErrorBody', async (method, url) => {
    const res = await hall.inject({ as: 'a', method, url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'notFound', message: expect.any(String) });
  });

  it('still serves a valid request after all that', async () => {
    const res = await hall.inject({ as: 'a', method: 'POST', url: '/api/v1/sessions', payload: valid });
    expect(res.statusCode).toBe(201);
  });
});
