// Bad input on every inquiry route: wrong types, huge values, unknown parameters, other people's
// ids. Each is a clear 4xx ErrorBody, never a 5xx, and never a figure of anyone's records.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../contracts/errors';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { get, verifiedSession } from './support/citizen';
import { type TestHall, openTestHall } from './support/hall';

const wang = demoPeople[0]!;

const routes = ['contributions/years', 'contributions/months', 'pension-payments', 'medical-transactions', 'cases'];

describe.each(backends)('inquiry bad input on $name', (backend) => {
  let hall: TestHall;
  let sessionId: string;
  beforeAll(async () => {
    hall = await openTestHall(backend);
    sessionId = await verifiedSession(hall, wang);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it.each([
    ['contributions/years', ''],
    ['contributions/years', 'insuranceType=pension'],
    ['contributions/years', 'insuranceType=employeePension&page=0'],
    ['contributions/years', 'insuranceType=employeePension&pageSize=100'],
    ['contributions/years', 'insuranceType=employeePension&pageSize=1e3'],
    ['contributions/years', 'insuranceType=employeePension&personId=2'],
    ['contributions/years', 'insuranceType=employeePension&insuranceType=maternity'],
    ['contributions/months', 'insuranceType=employeePension'],
    ['contributions/months', 'insuranceType=employeePension&year=20'],
    ['contributions/months', 'insuranceType=employeePension&year=99999999999999999999'],
    ['contributions/months', 'insuranceType=employeePension&year=2024%25'],
    ['contributions/months', "insuranceType=employeePension&year=2024' or '1'='1"],
    ['contributions/months', 'insuranceType=employeePension&year=-2024'],
    ['pension-payments', 'year=abcd'],
    ['pension-payments', 'page=1001'],
    ['pension-payments', 'idNumber=' + demoPeople[1]!.idNumber],
    ['medical-transactions', 'pageSize=0'],
    ['medical-transactions', 'page=' + '9'.repeat(400)],
    ['cases', 'pageSize=-3'],
  ])('%s?%s is 400 invalidRequest', async (route, query) => {
    const res = await get(hall, `/api/v1/sessions/${sessionId}/${route}?${query}`);
    expect(res.status, res.raw).toBe(400);
    expect(ErrorBody.parse(res.body).code).toBe('invalidRequest');
    expect(res.raw).not.toMatch(/amount|balance|period/);
  });

  it.each([
    ['not a UUID', 'abc', 400],
    ['a UUID-looking SQL string', "00000000-0000-0000-0000-00000000000'", 400],
    ['an unknown session', '6f1c1a52-3c5e-4d0a-9a57-1f6e1c1e2d3b', 404],
    ['a huge value', 'f'.repeat(190), 400],
  ])('answers a session id that is %s with %s', async (_what, id, status) => {
    for (const route of [...routes, 'enrollments', 'accounts']) {
      const q =
        route === 'contributions/months'
          ? '?insuranceType=employeePension&year=2020'
          : route === 'contributions/years'
            ? '?insuranceType=employeePension'
            : '';
      const res = await get(hall, `/api/v1/sessions/${id}/${route}${q}`);
      expect(res.status, `${route}: ${res.raw}`).toBe(status);
      ErrorBody.parse(res.body);
    }
  });

  it('never answers 5xx nor anything but this person’s records, whatever the query string says', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom('employeePension', 'residentPension', '2015', '1', '12', '0', '', 'true'),
    );
    const query = fc.dictionary(fc.constantFrom('insuranceType', 'year', 'page', 'pageSize', 'personId', 'x'), value, {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), query, async (route, q) => {
        const qs = new URLSearchParams(q).toString();
        const res = await get(hall, `/api/v1/sessions/${sessionId}/${route}?${qs}`);
        expect(res.status, `${route}?${qs}: ${res.raw}`).toBeLessThan(500);
        if (res.status !== 200) {
          expect([400, 404]).toContain(res.status);
          ErrorBody.parse(res.body);
        } else {
          expect(res.raw).not.toContain(demoPeople[1]!.name);
        }
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('refuses methods the routes do not have', async () => {
    const res = await hall.inject({ as: 'a', method: 'DELETE', url: `/api/v1/sessions/${sessionId}/accounts` });
    expect(res.statusCode).toBe(404);
    const post = await hall.inject({
      as: 'a',
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/enrollments`,
      payload: { personId: 2 },
    });
    expect(post.statusCode).toBe(404);
  });
});
