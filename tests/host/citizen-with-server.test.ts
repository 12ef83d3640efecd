// The citizen services through every Node layer: the simulated card reader checking the PIN on
// the card, the host, the real hall server over PGlite, the simulated A4 and receipt printers,
// and the content copy on disk that still answers when the hall server is gone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceChallenge, type KioskEvent, type KioskMethod, type KioskReply } from '../../contracts';
import { parseHostConfig, runHost, type RunningHost } from '../../host';
import { CONTENT_FILE } from '../../host/citizen/content-cache';
import { demoSsCard } from '../../host/simulator/simulator-service';
import { demoPhotoFolder, photoDescriptors } from '../../server/certification/demo-references';
import { ageChallenge, evidenceFor, liveVariation } from '../server/support/face-evidence';
import { demoPeople, startHallServer, type HallServer } from '../../server';

process.env.KIOSK_LOG = process.env.CZ_DEBUG ? 'debug' : 'silent';

let hall: HallServer;
let running: RunningHost;
let dataDir: string;
const events: Array<{ event: KioskEvent; payload: unknown }> = [];
const worker = demoPeople[0]!;
const retiree = demoPeople[1]!;

async function until<T>(probe: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function call<T = unknown>(method: KioskMethod, params: unknown): Promise<T> {
  const reply: KioskReply = await running.host.call(method, params);
  if (!reply.ok) throw Object.assign(new Error(reply.error.code), { code: reply.error.code });
  return reply.value as T;
}
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code: string }) => e.code,
  );

async function openWith(kind: 'ssCard' | 'idCard', person: typeof worker): Promise<void> {
  events.length = 0;
  if (kind === 'ssCard') running.hardware!.insertSsCard(demoSsCard(person));
  else running.hardware!.insertIdCard(person);
  await until(
    () => events.some((e) => e.event === 'sessionChanged' && (e.payload as { session: unknown }).session),
    'session opened',
  );
}
async function closeAll(): Promise<void> {
  running.hardware!.removeSsCard();
  running.hardware!.removeIdCard();
  // Wait for the card-out to end the session, so it cannot end the next test's session instead.
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    const reply = await running.host.call('getSession', {});
    if (reply.ok && reply.value === null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 300)); // the readers' own removal events settle
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-citizen-'));
  hall = await startHallServer({ seedIfEmpty: true });
  const terminalSecret = await hall.registerTerminal({ terminalId: 'KIOSK-CZ-01' });
  running = await runHost({
    config: parseHostConfig({ terminalId: 'KIOSK-CZ-01', terminalSecret, hallServerUrl: hall.url }),
    rendererDir: '/nonexistent',
    browserMode: false,
    dataDir,
  });
  running.host.onEvent((event, payload) => events.push({ event, payload }));
}, 300_000);
afterAll(async () => {
  await running?.stop();
  await hall?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the card PIN as second factor', () => {
  it('money details wait for the PIN; wrong PINs count down on the card; the right one opens them', async () => {
    await openWith('ssCard', worker);
    // The worker has no enrolled face: the PIN is the only way.
    expect(await call('getSecondFactor', {})).toEqual({
      verified: false,
      route: 'ssCardPin',
      face: false,
      faceChecksLeft: 0,
    });
    expect(await codeOf(call('getContributionYears', { insuranceType: 'employeePension', page: 1 }))).toBe(
      'secondFactorRequired',
    );
    expect(await call('verifyPin', { pin: '000000' })).toEqual({ status: 'wrong', triesLeft: 2 });
    expect(running.hardware!.ssCardTriesLeft).toBe(2);
    expect(await call('verifyPin', { pin: '123456' })).toEqual({ status: 'ok' });
    expect(running.hardware!.ssCardTriesLeft).toBe(3); // a right PIN resets the card's counter
    expect(await call('getSecondFactor', {})).toMatchObject({ verified: true, route: 'ssCardPin' });

    const years = await call<{ years: Array<{ year: number; paidMonths: number }>; pageInfo: { pageSize: number } }>(
      'getContributionYears',
      { insuranceType: 'employeePension', page: 1 },
    );
    expect(years.pageInfo.pageSize).toBe(4);
    const rows = await hall.db.execute(sql`
      select count(*)::int as n from contributions c join persons p on p.id = c.person_id
      where p.id_number = ${worker.idNumber} and c.insurance_type = 'employeePension'
        and c.period like ${`${years.years[0]!.year}%`} and c.paid`);
    expect(years.years[0]!.paidMonths).toBe((rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
    await closeAll();
  });

  it('the simulator can make the next PIN wrong, and three wrong PINs lock the card for good', async () => {
    await openWith('ssCard', retiree);
    running.hardware!.failNextPin();
    expect(await call('verifyPin', { pin: '123456' })).toEqual({ status: 'wrong', triesLeft: 2 });
    expect(await call('verifyPin', { pin: '111111' })).toEqual({ status: 'wrong', triesLeft: 1 });
    expect(await call('verifyPin', { pin: '222222' })).toEqual({ status: 'locked' });
    expect(await call('verifyPin', { pin: '123456' })).toEqual({ status: 'locked' });
    // A locked card's holder with an enrolled face can still pass by face.
    expect(await call('getSecondFactor', {})).toEqual({
      verified: false,
      route: 'ssCardPin',
      face: true,
      faceChecksLeft: 3,
    });
    // The counter lives on the card: out and back in, it is still locked.
    await closeAll();
    await openWith('ssCard', retiree);
    expect(await call('verifyPin', { pin: '123456' })).toEqual({ status: 'locked' });
    await closeAll();
  });

  it('an ID-card session without an enrolled face cannot give the PIN here and is told no route is available', async () => {
    await openWith('idCard', worker);
    expect(await call('getSecondFactor', {})).toEqual({
      verified: false,
      route: 'notAvailable',
      face: false,
      faceChecksLeft: 0,
    });
    expect(await codeOf(call('verifyPin', { pin: '123456' }))).toBe('forbidden');
    expect(await codeOf(call('getPensionPayments', { page: 1 }))).toBe('secondFactorRequired');
    await closeAll();
  });
});

describe('a face check as second factor', () => {
  /** Evidence answering the hall server's challenge (see tests/server/support/face-evidence.ts). */
  let challenge: FaceChallenge;
  const start = async () => {
    challenge = FaceChallenge.parse(await call('startFaceCheck', {}));
    await ageChallenge(hall.db, challenge.challengeId);
    return challenge;
  };
  const evidence = (descriptors: number[][]) => evidenceFor(challenge, liveVariation(descriptors));
  let franck: number[][];
  let cage: number[][];
  beforeAll(async () => {
    const all = await photoDescriptors(
      ['franck_02045.jpg', 'franck_02683.jpg', 'cage.jpg', 'cage2_crop.jpg'].map((f) => path.join(demoPhotoFolder, f)),
    );
    franck = all.slice(0, 2);
    cage = all.slice(2);
  }, 120_000);

  it('an ID-card session of a person with an enrolled face passes by face, once per attempt, and sees the details', async () => {
    await openWith('idCard', retiree);
    expect(await call('getSecondFactor', {})).toEqual({
      verified: false,
      route: 'face',
      face: true,
      faceChecksLeft: 3,
    });
    const { actions } = await start();
    expect(actions).toHaveLength(2);
    expect(new Set(actions).size).toBe(2);
    // Another face fails; sending the same attempt again (a retry) is answered alike and counts once.
    const failed = await call('verifyFace', { attempt: 1, ...evidence(cage) });
    expect(failed).toEqual({ result: 'failed', reason: 'noMatch', verifiedAt: null, faceChecksLeft: 2 });
    expect(await call('verifyFace', { attempt: 1, ...evidence(cage) })).toEqual(failed);
    expect(await call('getSecondFactor', {})).toMatchObject({ verified: false, faceChecksLeft: 2 });
    expect(await codeOf(call('getPensionPayments', { page: 1 }))).toBe('secondFactorRequired');

    // The screen opened again in this session numbers its attempts from 1 again: after a new
    // challenge, attempt 1 is a new check, decided afresh (not the first visit's recorded failure).
    await start();
    const passed = await call<{ result: string; verifiedAt: string }>('verifyFace', {
      attempt: 1,
      ...evidence(franck),
    });
    expect(passed.result).toBe('passed');
    expect(await call('getSecondFactor', {})).toMatchObject({ verified: true, route: 'face' });
    const payments = await call<{ payments: unknown[] }>('getPensionPayments', { page: 1 });
    expect(payments.payments.length).toBeGreaterThan(0);
    const rows = await hall.db.execute(sql`
      select f.result from face_checks f join kiosk_sessions s on s.id = f.session_id
      join persons p on p.id = s.person_id where p.id_number = ${retiree.idNumber} order by f.checked_at`);
    expect((rows as unknown as { rows: Array<{ result: string }> }).rows.map((r) => r.result)).toEqual([
      'failed',
      'passed',
    ]);
    await closeAll();
    // A new session starts over.
    await openWith('idCard', retiree);
    expect(await call('getSecondFactor', {})).toMatchObject({ verified: false, route: 'face' });
    expect(await codeOf(call('getPensionPayments', { page: 1 }))).toBe('secondFactorRequired');
    await closeAll();
    expect(await codeOf(call('verifyFace', { attempt: 1, ...evidence(franck) }))).toBe('noSession');
  });
});

describe('cases by a scanned receipt', () => {
  it('a receipt barcode is announced, kept for the cases screen, and looked up without a card', async () => {
    const rows = await hall.db.execute(sql`select case_no from cases order by case_no limit 1`);
    const caseNo = (rows as unknown as { rows: Array<{ case_no: string }> }).rows[0]!.case_no;
    events.length = 0;
    running.hardware!.scanQr(caseNo);
    await until(() => events.find((e) => e.event === 'caseScanned'), 'caseScanned');
    expect(events.find((e) => e.event === 'caseScanned')!.payload).toEqual({ caseNo });
    expect(await call('takeScannedCase', {})).toEqual({ caseNo });
    expect(await call('takeScannedCase', {})).toEqual({ caseNo: null });
    const found = await call<{ caseNo: string; maskedName: string; steps: unknown[] }>('lookupCase', { caseNo });
    expect(found.caseNo).toBe(caseNo);
    expect(found.maskedName).toContain('*');
    expect(await codeOf(call('lookupCase', { caseNo: 'ZZ000000NOPE' }))).toBe('notFound');
  });
});

describe('statements on the A4 printer', () => {
  it('prints a rights statement, reports each stage, and a reprint sends the same PDF without issuing again', async () => {
    await openWith('ssCard', worker);
    expect(await call('verifyPin', { pin: '123456' })).toEqual({ status: 'ok' });
    const requestId = randomUUID();
    const year = new Date().getFullYear() - 1;
    // The page count comes from the hall server before anything prints; counting prints nothing.
    const preview = await call<{ pageCount: number; coverage: string; shorter: unknown }>('previewStatement', {
      request: { kind: 'rightsStatement', year },
    });
    expect(preview).toMatchObject({ coverage: `${year}年度`, shorter: null });
    expect(running.hardware!.a4Documents()).toHaveLength(0);
    const done = await call<{ stage: string; statementId: string; verificationCode: string }>('printStatement', {
      request: { kind: 'rightsStatement', year },
      requestId,
    });
    expect(done.stage).toBe('done');
    const stages = events.filter((e) => e.event === 'printProgress').map((e) => (e.payload as { stage: string }).stage);
    expect(stages).toEqual(['issuing', 'rendering', 'queued', 'printing', 'done']);
    const docs = running.hardware!.a4Documents();
    expect(docs).toHaveLength(1);
    const file = path.join(dataDir, 'statement.pdf');
    writeFileSync(file, docs[0]!.pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('个人权益记录单');
    expect(text).toContain(worker.name);
    expect(text).toContain(done.verificationCode);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)![1])).toBe(preview.pageCount);

    const again = await call<{ stage: string; statementId: string }>('reprintStatement', {
      statementId: done.statementId,
      requestId: randomUUID(),
    });
    expect(again).toMatchObject({ stage: 'done', statementId: done.statementId });
    const after = running.hardware!.a4Documents();
    expect(after).toHaveLength(2);
    expect(Buffer.from(after[0]!.pdf).equals(Buffer.from(after[1]!.pdf))).toBe(true);
    // The same tap sent twice (a retry after a lost answer) is still one statement.
    await call('printStatement', { request: { kind: 'rightsStatement', year }, requestId });
    const count = await hall.db.execute(sql`
      select count(*)::int as n from statements s join persons p on p.id = s.person_id where p.id_number = ${worker.idNumber}`);
    expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1);
  });

  it('a print that fails on a dead printer says why, and the retry prints the same statement', async () => {
    running.hardware!.unplug('a4Printer');
    await until(
      () => running.devices.health().find((d) => d.device === 'a4Printer' && d.state === 'failed'),
      'a4 printer failed',
    );
    const failed = await call<{ stage: string; reason: string; statementId: string }>('printStatement', {
      request: { kind: 'insuranceCertificate', from: '202001', to: '202412', insuranceTypes: ['employeePension'] },
      requestId: randomUUID(),
    });
    expect(failed).toMatchObject({ stage: 'failed', reason: 'printerFailed' });
    expect(failed.statementId).toMatch(/^[0-9a-f-]{36}$/);
    await running.hardware!.replug('a4Printer');
    await until(
      () => running.devices.health().find((d) => d.device === 'a4Printer' && d.state === 'ok'),
      'a4 printer back',
    );
    const before = running.hardware!.a4Documents().length;
    const retried = await call<{ stage: string }>('reprintStatement', {
      statementId: failed.statementId,
      requestId: randomUUID(),
    });
    expect(retried.stage).toBe('done');
    expect(running.hardware!.a4Documents()).toHaveLength(before + 1);
    const count = await hall.db.execute(sql`
      select count(*)::int as n from statements where id = ${failed.statementId}`);
    expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1);
  });

  it('prints the page on screen as a receipt', async () => {
    // The simulated printer's status answers can be late on a loaded machine: print once it says ok.
    await until(
      () => running.devices.health().find((d) => d.device === 'receiptPrinter' && d.state === 'ok'),
      'receipt printer ok',
    );
    const before = running.hardware!.printedReceiptCount;
    await call('printPageReceipt', {
      page: {
        title: '缴费记录',
        lines: [
          { label: '2024年', value: '12 个月 1,234.00 元' },
          { label: '2023年', value: '欠费 2 个月', flag: true },
        ],
      },
    });
    expect(running.hardware!.printedReceiptCount).toBe(before + 1);
    expect(running.hardware!.printedReceipts()[0]!.svg).toContain('缴费记录');
    await closeAll();
    expect(await codeOf(call('printPageReceipt', { page: { title: 'x', lines: [] } }))).toBe('noSession');
  });
});

describe('content kept on the terminal', () => {
  it('is fetched, written atomically without personal data, and still shown with its age when the server is gone', async () => {
    const fresh = await call<{ fresh: boolean; content: { guides: unknown[]; offices: unknown[] }; ageMs: number }>(
      'getContent',
      {},
    );
    expect(fresh.fresh).toBe(true);
    expect(fresh.content.guides.length).toBeGreaterThan(0);
    expect(fresh.content.offices.length).toBeGreaterThan(0);
    const onDisk = readFileSync(path.join(dataDir, CONTENT_FILE), 'utf8');
    for (const p of demoPeople) expect(onDisk).not.toContain(p.idNumber);

    // Another host on the same data directory whose hall server does not answer.
    const offline = await runHost({
      config: parseHostConfig({
        terminalId: 'KIOSK-CZ-01',
        terminalSecret: 'x'.repeat(32),
        hallServerUrl: 'http://127.0.0.1:9/',
        requestTimeoutMs: 500,
      }),
      rendererDir: '/nonexistent',
      browserMode: false,
      dataDir,
    });
    try {
      const reply = await offline.host.call('getContent', {});
      expect(reply.ok).toBe(true);
      const cached = (reply as { value: { fresh: boolean; ageMs: number; content: { guides: unknown[] } } }).value;
      expect(cached.fresh).toBe(false);
      expect(cached.content.guides).toHaveLength(fresh.content.guides.length);
      expect(cached.ageMs).toBeGreaterThanOrEqual(0);
    } finally {
      await offline.stop();
    }
  });
});
