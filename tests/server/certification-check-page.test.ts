// The page a certification receipt's QR code opens: a phone browser (Accept: text/html) gets a
// readable, phone-sized HTML page with the masked name and dates; a client asking for JSON still
// gets the CertificationCheck record; an unknown id is a 404 page that names the hotline.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificationCheck } from '../../contracts/certification';
import { certifications, persons } from '../../server/db/schema';
import { demoPeople } from '../../server/seed/demo-people';
import { backends } from './support/backends';
import { type TestHall, openTestHall } from './support/hall';

const retiree = demoPeople[1]!;
const PHONE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe.each(backends)('certification check page ($name)', (backend) => {
  let hall: TestHall;
  const validId = randomUUID();
  const expiredId = randomUUID();

  beforeAll(async () => {
    hall = await openTestHall(backend);
    const [person] = await hall.database.db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.idNumber, retiree.idNumber));
    await hall.database.db.insert(certifications).values([
      {
        id: validId,
        personId: person!.id,
        certifiedAt: new Date('2026-03-04T17:30:00Z'), // 5 March in China
        validUntil: '2099-03-04',
        method: 'face',
        result: 'passed',
        terminalId: 'KIOSK-A',
      },
      {
        id: expiredId,
        personId: person!.id,
        certifiedAt: new Date('2020-03-05T02:00:00Z'),
        validUntil: '2021-03-04',
        method: 'window',
        result: 'passed',
      },
    ]);
  });
  afterAll(() => hall?.close());

  const open = (id: string, accept = PHONE_ACCEPT) =>
    hall.inject({ method: 'GET', url: `/verify/certifications/${id}`, headers: { accept } });

  it('shows a phone a valid certification as a page, with the name masked', async () => {
    const res = await open(validId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('✔ 认证有效');
    expect(html).toContain('2026年3月5日');
    expect(html).toContain('2099年3月4日');
    expect(html).not.toContain(retiree.name);
    expect(html).toContain(`${retiree.name[0]}*`);
    expect(html).not.toContain(retiree.idNumber);
    expect(html).not.toContain('{"valid"');
  });

  it('says plainly when the certification has expired', async () => {
    const html = (await open(expiredId)).body;
    expect(html).toContain('认证已过期');
    expect(html).toContain('重新认证');
    expect(html).not.toContain('认证有效');
  });

  it('answers an unknown id with a 404 page naming 12333', async () => {
    const res = await open(randomUUID());
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('没有找到这次认证');
    expect(res.body).toContain('12333');
  });

  it('still answers JSON to a client that asks for it', async () => {
    const res = await open(validId, 'application/json');
    expect(res.statusCode).toBe(200);
    const check = CertificationCheck.parse(res.json());
    expect(check).toMatchObject({ valid: true, validUntil: '2099-03-04' });
    expect((await open(randomUUID(), '*/*')).statusCode).toBe(404);
    expect((await open(randomUUID(), '*/*')).json()).toMatchObject({ code: 'notFound' });
  });
});
